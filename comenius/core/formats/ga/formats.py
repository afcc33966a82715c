"""Irish date formats (comenius/core/formats/__init__.py names them), as Irish schools write them: "1 Nollaig 2026",
"08:30", "Dé Máirt 1 Nollaig 2026". Month names are written in full (Irish abbreviations are not in common use),
with the 24-hour clock and a colon."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
