"""Portuguese (Portugal) date formats (comenius/core/formats/__init__.py names them), as Portuguese schools write
them: "01/12/2026", "01/12/2026, 08:30", "terça-feira, 1 de dezembro de 2026". The literal "de" is escaped.
Month and weekday names come from Django's own pt catalog, which still writes them capitalised ("Dezembro",
"Terça-feira"); the Acordo Ortográfico de 1990 used in Portuguese schools writes them in lower case."""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
WEEKDAY_DATE_FORMAT = r"l, j \d\e F \d\e Y"
LONG_DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
