"""Norwegian Bokmål date formats (comenius/core/formats/__init__.py names them), as Norwegian schools write them:
"1. des. 2026", "kl. 08.30", "tirsdag 1. desember 2026". `N` is the abbreviated month as Django's nb locale
writes it ("des.", "mai")."""

DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = r"j. N Y \k\l. H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j. N"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j. F Y"
LONG_DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
