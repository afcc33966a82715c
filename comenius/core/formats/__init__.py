"""The platform's named date formats, one set per shipped language (issue 11: one date format per language).

Django reads these through FORMAT_MODULE_PATH. Templates write `{{ value|date:"DATE_FORMAT" }}` (or
`|date`, which means the same), never a pattern of their own; Python calls `formats.date_format(value,
"DATE_FORMAT")`. The names, all defined for every shipped language (comenius/core/tests/test_date_formats.py):

- DATE_FORMAT: a day ("1 Dec 2026", "1. dec. 2026"): everywhere a date is shown.
- DATETIME_FORMAT: a moment ("1 Dec 2026, 08:30", "1. dec. 2026 kl. 08.30").
- TIME_FORMAT: a time of day ("08:30", "08.30").
- MONTH_DAY_FORMAT: a day of this year, where the year is plain ("1 Dec", "1. dec.").
- YEAR_MONTH_FORMAT: a month ("December 2026", "december 2026").
- WEEKDAY_DATE_FORMAT: a day with its weekday, for events ("Tuesday 1 December 2026", "tirsdag den 1. december 2026").
- LONG_DATE_FORMAT: a day on a formal document, a certificate ("1 December 2026", "1. december 2026").

SHORT_DATE_FORMAT and SHORT_DATETIME_FORMAT are the same as DATE_FORMAT and DATETIME_FORMAT, so that whatever
Django shows by itself (the admin) looks the same too.
"""

NAMED_FORMATS = (
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "TIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
    "WEEKDAY_DATE_FORMAT",
    "LONG_DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
)
