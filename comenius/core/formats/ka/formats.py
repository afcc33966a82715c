"""Georgian date formats (comenius/core/formats/__init__.py names them), as Georgian schools write them:
"01.12.2026", "01.12.2026, 08:30", "სამშაბათი, 1 დეკემბერი, 2026". Georgian has no capital letters; month
and weekday names come from Django's Georgian locale."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F, Y"
WEEKDAY_DATE_FORMAT = "l, j F, Y"
LONG_DATE_FORMAT = "j F, Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
