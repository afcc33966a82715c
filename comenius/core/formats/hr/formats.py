"""Croatian date formats (comenius/core/formats/__init__.py names them), as Croatian schools write them:
"1. 12. 2026.", "8:30", "utorak, 1. prosinca 2026." Croatian writes ordinal day and month with a full stop
and ends the date with one; the month in a date is in the genitive (`E`: "prosinca")."""

DATE_FORMAT = "j. n. Y."
DATETIME_FORMAT = r"j. n. Y. \u H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j. E"
YEAR_MONTH_FORMAT = "F Y."
WEEKDAY_DATE_FORMAT = "l, j. E Y."
LONG_DATE_FORMAT = "j. E Y."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
