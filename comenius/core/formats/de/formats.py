"""German date formats (comenius/core/formats/__init__.py names them), as schools in Germany write them: "01.12.2026",
"01.12.2026, 08:30 Uhr", "08:30 Uhr", "Dienstag, 1. Dezember 2026". `N` is the abbreviated month ("Dez.", "Mai");
times are written with a colon and followed by "Uhr"."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = r"d.m.Y, H:i \U\h\r"
TIME_FORMAT = r"H:i \U\h\r"
MONTH_DAY_FORMAT = "j. N"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l, j. F Y"
LONG_DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
