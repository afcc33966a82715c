"""Finnish date formats (comenius/core/formats/__init__.py names them), as Finnish schools write them: "1.12.2026",
"1.12.2026 klo 8.30", "tiistai 1. joulukuuta 2026". Hours without a leading zero and a full stop between hours and
minutes ("8.30"); `E` is the month in the partitive Finnish needs after a day ("joulukuuta"), `F` the plain month
("joulukuu 2026")."""

DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = r"j.n.Y \k\l\o G.i"
TIME_FORMAT = "G.i"
MONTH_DAY_FORMAT = "j.n."
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j. E Y"
LONG_DATE_FORMAT = "j. E Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
