"""Arabic date formats (comenius/core/formats/__init__.py names them), as schools in Arabic-speaking countries write
them, with Western digits: "1 ديسمبر 2026", "1 ديسمبر 2026، 08:30", "الثلاثاء 1 ديسمبر 2026". Arabic has no
abbreviated month names in school use, so the full month name (F) is used everywhere; times are 24-hour "H:i"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
