"""Swedish date formats (comenius/core/formats/__init__.py names them), as Swedish schools write them: "1 dec 2026",
"1 dec 2026 kl. 08.30", "tisdag 1 december 2026" (Språkrådet: day before month, no full stop after the day, month and
weekday in lower case, "kl." and a full stop between hours and minutes). `N` is Django's Swedish abbreviated month
("dec", "maj", "mars")."""

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = r"j N Y \k\l. H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j N"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
