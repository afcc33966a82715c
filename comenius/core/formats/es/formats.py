r"""Spanish (Spain) date formats (comenius/core/formats/__init__.py names them), as schools in Spain write them:
"1 dic. 2026", "1 dic. 2026, 08:30", "martes, 1 de diciembre de 2026", "1 de diciembre de 2026". Day before
month, 24-hour clock with a colon. Month names and weekdays are lowercase in Spanish. `b` is the lowercase
three-letter month ("ene", "may", "dic"); the full stop after it is literal, as in the RAE abbreviations
("dic."). The literal word "de" is escaped (`\d\e`), since `d` and `e` are format letters."""

DATE_FORMAT = "j b. Y"
DATETIME_FORMAT = "j b. Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j b."
YEAR_MONTH_FORMAT = r"F \d\e Y"
WEEKDAY_DATE_FORMAT = r"l, j \d\e F \d\e Y"
LONG_DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
