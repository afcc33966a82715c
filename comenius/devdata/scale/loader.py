"""The COPY machinery of the scale-data command: id sequences, staging tables, deferred GIN indexes and
streaming rows into PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from comenius.core.models import Country
from comenius.core.search import vector_sql

BATCH = 20_000


class ScaleLoader(BaseCommand):
    """What every part of the scale data shares; `handle` of the command sets the attributes."""

    rng: random.Random
    now: datetime
    countries: list[Country]
    people: dict[str, list[dict[str, Any]]]
    places: dict[str, list[dict[str, Any]]]
    officer_names: dict[str, dict[str, Any]]

    def finish(self, *tables: str) -> None:
        """Move each table's id sequence past the copied rows, and vacuum and analyse the table as autovacuum
        would soon do anyway: the benchmark then measures settled tables with fresh planner statistics."""
        with connection.cursor() as cursor:
            for table in tables:
                self.reset_sequence(table)
                cursor.execute(f"VACUUM (ANALYZE) {table}")

    def reset_sequence(self, table: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
            )

    @contextmanager
    def gin_indexes_deferred(self, table: str) -> Iterator[None]:
        """A GIN index (full text, trigrams, tags) costs far more to keep up to date row by row than to build
        once: the table's GIN indexes are dropped while its rows and search vectors are written, then built
        again from their own definitions."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema() AND tablename = %s AND indexdef LIKE %s",
                [table, "% USING gin %"],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                for _name, definition in tqdm(indexes, desc=f"GIN indexes {table}", unit=" indexes", ncols=90):
                    cursor.execute(definition)

    def staging_table(self, table: str) -> str:
        """A temporary twin of `table` (no WAL, one index): rows are copied there and get their search vectors,
        then `move_staged` writes each row once, complete, so that the table is as compact as one the
        application filled (an UPDATE of every row would leave half the table dead)."""
        stage = f"staged_{table}"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
            cursor.execute(f"CREATE TEMPORARY TABLE {stage} (LIKE {table} INCLUDING DEFAULTS)")
            cursor.execute(f"CREATE INDEX ON {stage} (id)")
        return stage

    def move_staged(self, stage: str, table: str) -> None:
        with self.gin_indexes_deferred(table), connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {stage} ORDER BY id")  # noqa: S608
            cursor.execute(f"DROP TABLE {stage}")

    def next_id(self, table: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def copy(self, table: str, columns: list[str], rows: Iterator[tuple[Any, ...]], total: int, label: str) -> None:
        raw = connection.connection  # psycopg 3: COPY streams rows without building SQL
        if raw is None:
            connection.ensure_connection()
            raw = connection.connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in tqdm(rows, total=total, desc=label, unit=" rows", unit_scale=True, ncols=90):
                copy.write_row(row)
        raw.commit()

    # --- tables -----------------------------------------------------------------------------------------

    def search_vectors(self, table: str, head: str, label: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT min(id), max(id) FROM {table} WHERE search_vector IS NULL")  # noqa: S608
            low, high = cursor.fetchone()
            if low is None:
                return
            sql = vector_sql(table, head).replace("WHERE id = ANY(%s)", "WHERE id BETWEEN %s AND %s")
            steps = range(low, high + 1, BATCH)
            for start in tqdm(steps, desc=f"search index {label}", unit=" batches", ncols=90):
                cursor.execute(sql, [start, start + BATCH - 1])
