"""Dutch date formats (comenius/core/formats/__init__.py names them), as schools in the Netherlands and Flanders
write them: "1 dec 2026", "1 dec 2026 om 08:30", "08:30", "dinsdag 1 december 2026". `N` is Django's Dutch
abbreviated month ("dec", "mrt", "mei"); weekday and month names are written in lower case, times with a colon
and 24 hours."""

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = r"j N Y \o\m H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j N"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
