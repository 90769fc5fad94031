"""Case-insensitive "contains" conditions in SQL, the same on SQLite and PostgreSQL.

Searches (a role's candidates, a fair's jobs, exhibitors by name) narrow their lists in the
database with these, so a page loads only its own rows.
"""

import json

import sqlalchemy as sa


def contains(column, word: str):
    """`column` contains `word`, ignoring case; % and _ in the word are plain letters."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.func.lower(column).like(f"%{escaped}%", escape="\\")


def json_contains(column, word: str):
    """A JSON column's text contains `word`: lists are stored as JSON text, where other
    scripts may be written as \\u escapes."""
    as_text = sa.cast(column, sa.Text)
    encoded = json.dumps(word)[1:-1]
    if encoded == word:
        return contains(as_text, word)
    return sa.or_(contains(as_text, word), contains(as_text, encoded.lower()))
