"""Free-text search that forgives, on every database (issue 11).

Names and words match regardless of case and diacritics (ø/o, ü/u, ß/ss, æ/ae, Greek and Cyrillic case), by
word prefix ("Søre" finds Sørensen), with small typos in names ("Sorensn"), and through the usual
transliterations of names (Soerensen, Oeztuerk, Kjaer).

PostgreSQL: full text over a weighted tsvector (names and places with the 'simple' configuration, the
introduction and subjects also with the member's language configuration), queried word by word as prefixes,
accent folding with unaccent, and trigram word similarity on names for typos. The query is also tried in
its de-transliterated form ("soerensen" -> "sorensen"), which is what unaccent makes of "Sørensen"; all of it
is answered by the GIN indexes. The tsvector is written by `services.refresh_search`; extensions and GIN
indexes come from the migrations.

SQLite (the embedded default, for one school or a demo): a function of this module registered on every
connection (`comenius_search_score`) folds both sides the same way (`fold`) and scores each row: every word
of the query must start a word of the row's search text or name, or be within a small edit distance of one.
It reads each candidate row once, which is right for the embedded default's size; large installations run
PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import BooleanField, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from comenius.core.vocabulary import search_config

# Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i", "þ": "th", "ŧ": "t"}
)
# Usual transliterations of names (German ö = oe, Danish ø = oe, å = aa): collapsed on both sides of a name match.
_TRANSLITERATIONS = re.compile(r"oe|ue|ae|aa")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case without diacritics: casefold (ß -> ss, Greek final sigma, Cyrillic), then the base letters."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_LETTERS)


def detransliterate(folded: str) -> str:
    """ "soerensen" -> "sorensen", "oezturk" -> "ozturk", "aalborg" -> "alborg", "kjaer" -> "kjar"."""
    return _TRANSLITERATIONS.sub(lambda match: match.group(0)[0], folded)


def _edits_allowed(term: str) -> int:
    return 0 if len(term) < 4 else 1 if len(term) < 8 else 2


def _within(term: str, word: str, allowed: int) -> bool:
    """Is `term` within `allowed` edits (insert, delete, substitute, swap) of `word` or of a prefix of it?"""
    if abs(len(word) - len(term)) > allowed and len(word) < len(term):
        return False
    previous2: list[int] | None = None
    previous = list(range(len(word) + 1))
    for i, a in enumerate(term, 1):
        current = [i] + [0] * len(word)
        for j, b in enumerate(word, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if previous2 is not None and i > 1 and j > 1 and a == word[j - 2] and term[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > allowed:
            return False
        previous2, previous = previous, current
    # The whole term against any prefix of the word: the best cell of the last row.
    return min(previous) <= allowed


@lru_cache(maxsize=4096)
def _words(text: str, names: bool) -> tuple[str, ...]:
    folded = fold(text)
    found = _WORD.findall(folded)
    if names:
        found += _WORD.findall(detransliterate(folded))
    return tuple(dict.fromkeys(found))


def score(query: str, text: str | None, name: str | None) -> float:
    """How well a row matches (0: not at all). Every word of the query must start a word of the row (1 point,
    2 in the name) or be a small typo of one (half a point)."""
    terms = _WORD.findall(fold(query))[:8]
    if not terms:
        return 0.0
    text_words = _words(text or "", False)
    name_words = _words(name or "", True)
    total = 0.0
    for term in terms:
        plain = detransliterate(term)
        if any(word.startswith((term, plain)) for word in name_words):
            total += 2
        elif any(word.startswith(term) for word in text_words):
            total += 1
        elif (allowed := _edits_allowed(term)) and any(
            _within(term, word, allowed) or _within(plain, word, allowed) for word in (*name_words, *text_words)
        ):
            total += 0.5
        else:
            return 0.0
    return total / len(terms)


def _register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("comenius_search_score", 3, score, deterministic=True)


connection_created.connect(_register_sqlite_functions, dispatch_uid="comenius.core.search")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def words(query: str) -> list[str]:
    return query.split()[:8]


# Ranking needs a score for every candidate; on PostgreSQL only this many matches (whichever the GIN indexes
# yield first) are ranked, so a common name costs about the same as a rare one.
RANKED_CANDIDATES = 400


def filter_text(
    queryset: QuerySet,
    query: str,
    language: str,
    *,
    name_field: str | None = None,
) -> QuerySet:
    """Keep rows matching `query`, annotated with `relevance` (higher is better)."""
    terms = words(query)
    if not terms:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    table = queryset.model._meta.db_table
    text = " ".join(terms)
    if not is_postgres():
        # Registered on every new connection; also here, for a connection opened before this module was imported.
        connection.ensure_connection()
        _register_sqlite_functions(None, connection)
        name = f'"{table}"."{name_field}"' if name_field else "''"
        relevance = f'comenius_search_score(%s, "{table}"."search_text", {name})'
        # Table and column names come from the models; the query travels as a parameter.
        matching = queryset.filter(RawSQL(f"{relevance} > 0", [text], output_field=BooleanField()))  # noqa: S611
        return matching.annotate(relevance=RawSQL(relevance, [text], output_field=FloatField()))  # noqa: S611
    forms = query_forms(text)
    if not forms:  # nothing searchable is left of the words (e.g. only "%"): nothing matches
        return queryset.none().annotate(relevance=Value(0.0, output_field=FloatField()))
    # Each form word by word as prefixes, in both configurations; `||` of tsqueries is OR, so one GIN scan.
    tsquery = " || ".join(
        f"to_tsquery({config}, immutable_unaccent(%s))" for _form in forms for config in ("'simple'", "%s::regconfig")
    ).join("()")
    tsquery_params: list[Any] = []
    for form in forms:
        tsquery_params += [prefix_query(form), search_config(language), prefix_query(form)]
    match = f'"{table}"."search_vector" @@ {tsquery}'
    rank = f'ts_rank("{table}"."search_vector", {tsquery})'
    if name_field is None:
        condition, condition_params = match, tsquery_params
        relevance, relevance_params = rank, tsquery_params
    else:
        # Word similarity finds "Sorensn" in "Mette Sørensen": typos in one word of a full name.
        name = f'immutable_unaccent("{table}"."{name_field}")'
        similar = " OR ".join(f"immutable_unaccent(%s) <%% {name}" for _form in forms)
        condition = f"({match} OR {similar})"
        condition_params = [*tsquery_params, *forms]
        relevance = f"({rank} + word_similarity(immutable_unaccent(%s), {name}))"
        relevance_params = [*tsquery_params, forms[0]]
    # The SQL text is built from this module's constants and the model's own table name; every value the
    # user typed travels as a query parameter.
    matching = queryset.filter(RawSQL(condition, condition_params, output_field=BooleanField()))  # noqa: S611
    # The candidates are fetched as a list (a separate, index-driven query): as a subquery the raw SQL's table
    # name would point at the outer query. No ORDER BY on purpose: ordering would make the planner walk the
    # whole table in that order instead of asking the text indexes for matches.
    candidates = list(matching.order_by().values_list("pk", flat=True)[:RANKED_CANDIDATES])
    return queryset.filter(pk__in=candidates).annotate(
        relevance=RawSQL(relevance, relevance_params, output_field=FloatField())  # noqa: S611
    )


def prefix_query(text: str) -> str:
    """A to_tsquery text: every word as a prefix, all of them required. Only word characters reach it, so the
    user cannot write tsquery syntax."""
    return " & ".join(f"{word}:*" for word in _WORD.findall(text)) or "''"


def query_forms(text: str) -> list[str]:
    """The query's words as typed and, where they differ, de-transliterated ("soerensen", which unaccent
    makes of nothing, becomes "sorensen", which it makes of "Sørensen") and with Greek final sigmas (PostgreSQL's
    lower() keeps a final ς, casefold and upper case do not)."""
    plain = " ".join(_WORD.findall(text))
    forms = [plain, detransliterate(fold(plain)), re.sub(r"σ\b", "ς", plain.lower())]
    return list(dict.fromkeys(form for form in forms if form))


POSTGRES_SETUP = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
"""


def vector_sql(table: str, head_column: str) -> str:
    """SQL that recomputes the search vector of rows of `table` (profiles or ideas) from their text fields."""
    # Table and column names come from the models; the ids travel as a parameter.
    return f"""
UPDATE "{table}" SET search_vector =
    setweight(to_tsvector('simple', immutable_unaccent(coalesce("{head_column}", ''))), 'A') ||
    setweight(to_tsvector('simple', immutable_unaccent(coalesce(search_text, ''))), 'C') ||
    setweight(to_tsvector(search_config::regconfig, immutable_unaccent(coalesce(search_text, ''))), 'B')
WHERE id = ANY(%s)
"""  # noqa: S608
