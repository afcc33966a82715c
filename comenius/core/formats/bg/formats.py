"""Bulgarian date formats (comenius/core/formats/__init__.py names them), as schools in Bulgaria write them:
"01.12.2026 г.", "08:30 ч.", "вторник, 01.12.2026 г.", and "01.12.2026 г., 08:30 ч." for a moment. Bulgarian
writes month names in lower case inside a date, and Django's Bulgarian month names are capitalised ("Декември"),
so a day is written with numbers, as school documents and certificates in Bulgaria do; the month name (`F`) is
used only where it starts a heading ("Декември 2026 г."). "г." (година) follows the year, "ч." (часа) the time."""

DATE_FORMAT = r"d.m.Y \г."
DATETIME_FORMAT = r"d.m.Y \г., H:i \ч."
TIME_FORMAT = r"H:i \ч."
MONTH_DAY_FORMAT = "d.m"
YEAR_MONTH_FORMAT = r"F Y \г."
WEEKDAY_DATE_FORMAT = r"l, d.m.Y \г."
LONG_DATE_FORMAT = r"d.m.Y \г."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
