"""Albanian date formats (comenius/core/formats/__init__.py names them), as schools in Albania and Kosovo write them:
"01.12.2026", "01.12.2026, ora 08:30", "1 Dhjetor 2026", "E martë, 1 Dhjetor 2026", 24-hour time "08:30". Month and
weekday names come from Django's Albanian catalog, which capitalises them ("Dhjetor", "E martë"); Albanian spelling
writes them in lower case, so the everyday formats use the numeric date and only the long forms spell the month out."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = r"d.m.Y, \o\r\a H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l, j F Y"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
