"""Every table of the database, counted and fingerprinted: to prove a refused operation wrote nothing at all."""

import contextlib
import hashlib

from django.db import connection

# A request may rewrite its own session row even when its operation is refused (the import keeps the pending
# upload's token there, a page its flash message): the sessions are counted, their contents not compared.
CONTENT_NOT_COMPARED = frozenset({"django_session"})


def _portable(value):
    """A value as the same bytes on every driver and every read (PostgreSQL hands binary back as a memoryview)."""
    return bytes(value) if isinstance(value, memoryview) else value


def table_states() -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of its rows (in any order): the history tables, the many-to-many
    tables, django-axes', the tokens' and the migrations' included."""
    states = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(_portable(value) for value in row)) for row in cursor.fetchall())
            digest = "" if table in CONTENT_NOT_COMPARED else hashlib.sha256("\n".join(rows).encode()).hexdigest()
            states[table] = (len(rows), digest)
    return states


def table_differences(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    """One line per table whose rows differ: its count before and after, or that a row's content changed."""
    lines = []
    for table in sorted(before.keys() | after.keys()):
        (count_before, digest_before), (count_after, digest_after) = (
            before.get(table, (0, "")),
            after.get(table, (0, "")),
        )
        if count_before != count_after:
            lines.append(f"{table}: {count_before} rows before, {count_after} after")
        elif digest_before != digest_after:
            lines.append(f"{table}: {count_after} rows before and after, but their contents changed")
    return lines


@contextlib.contextmanager
def every_table_unchanged(*, except_attempt_in: str | None = None):
    """``with every_table_unchanged(): <a refused operation>`` fails, naming each table written to, unless every
    table holds the same rows after the block as before it. ``except_attempt_in`` names the one table that
    records the refused attempt itself (a web import's job, holding the upload and the report of its problems)."""
    before = table_states()
    yield
    after = table_states()
    if except_attempt_in:
        before.pop(except_attempt_in, None)
        after.pop(except_attempt_in, None)
    differences = table_differences(before, after)
    assert not differences, "The refused operation wrote to the database:\n" + "\n".join(differences)
