"""Maltese date formats (comenius/core/formats/__init__.py names them), as Maltese schools write them:
"1 ta' Diċembru 2026", "1 Diċ 2026", "08:30", "It-Tlieta, 1 ta' Diċembru 2026". `M` is the three-letter month
("Diċ", "Mej"); the literal "ta'" is escaped."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = r"l, j \t\a' F Y"
LONG_DATE_FORMAT = r"j \t\a' F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
