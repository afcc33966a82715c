"""Lithuanian date formats (comenius/core/formats/__init__.py names them), as Lithuanian schools write them: the
short date in the standard numeric form "2026-12-01" (as in e-diaries and school documents), times "08:30" with a
colon, and in words "2026 m. gruodžio 1 d." with the year first. `E` is the month in the genitive ("gruodžio",
"gegužės"), which Lithuanian needs before a day number; `F` ("2026 m. gruodis") is the nominative for a month on its
own; `l` is the weekday, put first because it comes capitalised ("Antradienis, 2026 m. gruodžio 1 d."). The letters
m and d of "m." (metai) and "d." (diena) are escaped."""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = r"E j \d."
YEAR_MONTH_FORMAT = r"Y \m. F"
WEEKDAY_DATE_FORMAT = r"l, Y \m. E j \d."
LONG_DATE_FORMAT = r"Y \m. E j \d."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
