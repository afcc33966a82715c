"""Free-text search that uses what the database offers.

SQLite (the embedded default): every word must appear in the denormalised search text (case-insensitive).
PostgreSQL: full text over a weighted tsvector (names and places with the 'simple' configuration, the
introduction and subjects also with the member's language configuration), accent folding with unaccent,
and trigram similarity on names so "Sorensen" still finds "Sørensen". The tsvector is written by
`services.refresh_search`; extensions and GIN indexes come from the migrations.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from comenius.core.vocabulary import search_config


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
    if not is_postgres():
        for term in terms:
            queryset = queryset.filter(search_text__icontains=term)
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    table = queryset.model._meta.db_table
    text = " ".join(terms)
    tsquery = (
        "(plainto_tsquery('simple', immutable_unaccent(%s)) || plainto_tsquery(%s::regconfig, immutable_unaccent(%s)))"
    )
    tsquery_params = [text, search_config(language), text]
    match = f'"{table}"."search_vector" @@ {tsquery}'
    rank = f'ts_rank("{table}"."search_vector", {tsquery})'
    if name_field is None:
        condition, condition_params = match, tsquery_params
        relevance, relevance_params = rank, tsquery_params
    else:
        # Word similarity finds "Sorensn" in "Mette Sørensen": typos in one word of a full name.
        name = f'immutable_unaccent("{table}"."{name_field}")'
        condition = f"({match} OR immutable_unaccent(%s) <%% {name})"
        condition_params = [*tsquery_params, text]
        relevance = f"({rank} + word_similarity(immutable_unaccent(%s), {name}))"
        relevance_params = [*tsquery_params, text]
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
