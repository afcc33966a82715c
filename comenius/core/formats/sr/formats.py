"""Serbian date formats (comenius/core/formats/__init__.py names them), as Serbian schools write them: "1. 12. 2026.",
"1. 12. 2026. у 08:30", "уторак, 1. децембар 2026.". Numeric dates end with a full stop after the year."""

DATE_FORMAT = "j. n. Y."
DATETIME_FORMAT = r"j. n. Y. \у H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j. n."
YEAR_MONTH_FORMAT = "F Y."
WEEKDAY_DATE_FORMAT = "l, j. F Y."
LONG_DATE_FORMAT = "j. F Y."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
