r"""Latvian date formats (comenius/core/formats/__init__.py names them), as Latvian schools write them: "01.12.2026.",
"01.12.2026. 08:30", "otrdiena, 2026. gada 1. decembris". The numeric date ends with a full stop (dd.mm.gggg.);
on formal documents the date is written "2026. gada 1. decembris" (`\g\a\d\a` is the literal word "gada")."""

DATE_FORMAT = "d.m.Y."
DATETIME_FORMAT = "d.m.Y. H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j. F"
YEAR_MONTH_FORMAT = r"Y. \g\a\d\a F"
WEEKDAY_DATE_FORMAT = r"l, Y. \g\a\d\a j. F"
LONG_DATE_FORMAT = r"Y. \g\a\d\a j. F"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
