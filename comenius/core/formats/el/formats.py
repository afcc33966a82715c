"""Greek date formats (comenius/core/formats/__init__.py names them), as schools in Greece and Cyprus write them:
"01/12/2026", "01/12/2026, 08:30", "08:30", "Τρίτη 1 Δεκεμβρίου 2026". `E` is the month name in the genitive
("Δεκεμβρίου", "Μαΐου"), as Greek writes it after a day number; `F` is the nominative, used with a year alone
("Δεκέμβριος 2026"). `N` is not used: Django's Greek abbreviation for May is the nominative "Μάιος", which is wrong
after a day, so a day of this year is written with the full genitive month ("1 Δεκεμβρίου")."""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l j E Y"
LONG_DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
