"""Slovenian date formats (comenius/core/formats/__init__.py names them), as Slovenian schools write them:
"1. 12. 2026" with spaces after the full stops, "8.30" with a full stop (Slovenski pravopis), "1. 12. 2026 ob 8.30",
"torek, 1. decembra 2026" for events and "1. decembra 2026" on a certificate. `E` is the month in the genitive
("decembra", "maja"), which Slovenian needs after a day number; `F` ("december 2026") is the nominative for a month
on its own. Weekday and month names are lower case in Slovenian."""

DATE_FORMAT = "j. n. Y"
DATETIME_FORMAT = r"j. n. Y \o\b G.i"
TIME_FORMAT = "G.i"
MONTH_DAY_FORMAT = "j. n."
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l, j. E Y"
LONG_DATE_FORMAT = "j. E Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
