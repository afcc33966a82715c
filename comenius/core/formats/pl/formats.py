"""Polish date formats (comenius/core/formats/__init__.py names them), as Polish schools write them: "1 grudnia 2026",
"8:30" with a colon, "wtorek, 1 grudnia 2026", and "1 grudnia 2026 r." on a certificate. `E` is the month in the
genitive ("grudnia", "maja"), which Polish needs after a day number; `F` ("grudzień 2026") is the nominative for a
month on its own."""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l, j E Y"
LONG_DATE_FORMAT = r"j E Y \r."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
