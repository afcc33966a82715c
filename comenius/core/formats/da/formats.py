"""Danish date formats (comenius/core/formats/__init__.py names them), as Danish schools write them: "1. dec. 2026",
"kl. 08.30", "tirsdag den 1. december 2026". `N` is the abbreviated month with its full stop ("dec.", "maj")."""

DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = r"j. N Y \k\l. H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j. N"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = r"l \d\e\n j. F Y"
LONG_DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
