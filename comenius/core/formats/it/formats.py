"""Italian date formats (comenius/core/formats/__init__.py names them), as Italian schools write them: "1 dic 2026",
"1 dic 2026, ore 08:30", "Martedì 1 dic 2026", "01/12/2026" on a certificate. 24-hour clock with a colon ("08:30").

`b` is the abbreviated month in lower case ("dic", "mag"), as Italian writes it. Django's Italian catalog spells the
full month and weekday names with a capital ("Dicembre", "Martedì"), which is wrong inside an Italian sentence, so the
formats avoid `F` where a date can stand mid-sentence: the certificate date is numeric (dd/mm/yyyy, as on Italian
school documents) and only YEAR_MONTH_FORMAT (a heading) and WEEKDAY_DATE_FORMAT (which starts with the weekday) use
full names."""

DATE_FORMAT = "j b Y"
DATETIME_FORMAT = r"j b Y, \o\r\e H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j b"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j b Y"
LONG_DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
