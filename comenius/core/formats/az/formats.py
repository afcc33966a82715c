"""Azerbaijani date formats (comenius/core/formats/__init__.py names them), as schools in Azerbaijan write them:
"1 Dekabr 2026", "1 Dekabr 2026, 08:30", "08:30", "1 Dekabr 2026, çərşənbə axşamı". `E` and `F` are the month
names of Django's az locale (which capitalises them: "Dekabr"); `l` is the weekday ("çərşənbə axşamı")."""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "j E Y, l"
LONG_DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
