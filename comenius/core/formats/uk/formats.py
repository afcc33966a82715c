"""Ukrainian date formats (comenius/core/formats/__init__.py names them), as Ukrainian schools write them:
"01.12.2026", "01.12.2026, 08:30", "вівторок, 1 грудня 2026 р.". `E` is the month name in the genitive
("грудня"), as Ukrainian writes a day of a month; `F` is the nominative ("грудень 2026")."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = r"l, j E Y \р."
LONG_DATE_FORMAT = r"j E Y \р."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
