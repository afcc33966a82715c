"""Turkish date formats (comenius/core/formats/__init__.py names them), as schools in Türkiye write them:
"1 Aralık 2026",
"1 Aralık 2026 saat 08.30", "1 Aralık 2026 Salı". Times take a full stop between hour and minute ("08.30"), as in MEB
correspondence and school timetables; the weekday follows the date. Month and weekday names are never abbreviated."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \s\a\a\t H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "j F Y l"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
