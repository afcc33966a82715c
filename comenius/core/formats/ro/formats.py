"""Romanian date formats (comenius/core/formats/__init__.py names them), as schools in Romania and Moldova write
them: "01.12.2026", "01.12.2026, 08:30", "marți, 1 decembrie 2026" (a certificate: "1 decembrie 2026").
Romanian writes month and weekday names in lower case; Django's own Romanian catalog capitalises them
("Decembrie"), which is why the everyday formats are numeric, as on school documents (catalog, adeverințe)."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l, j F Y"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
