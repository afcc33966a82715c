"""Hungarian date formats (comenius/core/formats/__init__.py names them), as Hungarian schools write them: year
first with a full stop, "2026. december 1.", "2026. december 1. 08:30", "2026. december 1., kedd". The month is
written in full, as in Hungarian school letters; times are "08:30"; a month alone is "2026. december"."""

DATE_FORMAT = "Y. F j."
DATETIME_FORMAT = "Y. F j. H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "F j."
YEAR_MONTH_FORMAT = "Y. F"
WEEKDAY_DATE_FORMAT = "Y. F j., l"
LONG_DATE_FORMAT = "Y. F j."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
