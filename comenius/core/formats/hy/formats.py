"""Armenian date formats (comenius/core/formats/__init__.py names them), as schools in Armenia write them:
"1 դեկ. 2026 թ.", "08:30", "Երեքշաբթի, 1 դեկտեմբերի 2026 թ.". Armenian writes the month in the genitive
after the day ("1 դեկտեմբերի"); Django's `E` gives that form (the catalog's "alt. month" entries hold
the genitive, "դեկտեմբերի"); `N` is the abbreviated month ("abbrev. month": "դեկ.").
"թ." (year) is a literal, escaped letter by letter."""

DATE_FORMAT = r"j N Y \թ."
DATETIME_FORMAT = r"j N Y \թ., H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = r"F Y \թ."
WEEKDAY_DATE_FORMAT = r"l, j E Y \թ."
LONG_DATE_FORMAT = r"j E Y \թ."
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
