"""Slovak date formats (comenius/core/formats/__init__.py names them), as Slovak schools write them: "1. 12. 2026",
"8:30", "utorok 1. decembra 2026", "1. decembra 2026". `E` is the month in the genitive ("decembra", "mája"),
as Slovak writes it after a day number; `F` is the nominative for a month on its own ("december 2026")."""

DATE_FORMAT = "j. n. Y"
DATETIME_FORMAT = "j. n. Y, G:i"
TIME_FORMAT = "G:i"
MONTH_DAY_FORMAT = "j. E"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j. E Y"
LONG_DATE_FORMAT = "j. E Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
