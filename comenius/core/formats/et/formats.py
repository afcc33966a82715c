"""Estonian date formats (comenius/core/formats/__init__.py names them), as Estonian schools write them:
"01.12.2026", "kell 8.30" (hours and minutes joined with a full stop, as the Estonian language norm advises),
"teisipäev, 1. detsember 2026". Month and weekday names are lowercase in Estonian."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = r"d.m.Y \k\e\l\l G.i"
TIME_FORMAT = "G.i"
MONTH_DAY_FORMAT = "j. F"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l, j. F Y"
LONG_DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
