r"""French date formats (comenius/core/formats/__init__.py names them), as schools in France, Belgium, Luxembourg
and Switzerland write them: "1 déc. 2026", "1 déc. 2026 à 8h30", "mardi 1 décembre 2026". `N` is the abbreviated
month as French writes it ("déc.", "mars", "mai"); `G\hi` is the French hour ("8h30", "14h05"), 24-hour clock."""

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = r"j N Y \à G\hi"
TIME_FORMAT = r"G\hi"
MONTH_DAY_FORMAT = "j N"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
