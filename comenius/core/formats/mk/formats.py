"""Macedonian date formats (comenius/core/formats/__init__.py names them), as schools in North Macedonia write
them: "01.12.2026", "08:30 ч.", "01.12." for a day of this year, "01.12.2026, 08:30 ч." for a moment and
"01.12.2026 година" on a certificate. Macedonian writes month and weekday names in lower case inside a date, but
Django's Macedonian names are capitalised ("Декември", "Вторник"), so a day is written with numbers, as school
documents and certificates in North Macedonia do; a name is used only where it starts the text: the month (`F`)
in a heading ("Декември 2026") and the weekday (`l`) before an event's date ("Вторник, 01.12.2026"). "ч."
(часот) follows the time."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = r"d.m.Y, H:i \ч."
TIME_FORMAT = r"H:i \ч."
MONTH_DAY_FORMAT = "d.m."
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l, d.m.Y"
LONG_DATE_FORMAT = r"d.m.Y \г\о\д\и\н\а"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
