"""Reading a paged list as a person does: what the page shows, and its Next link."""

import html
import re
from contextlib import contextmanager

import sqlalchemy as sa

from jobfair.extensions import db

PER_PAGE = 3


def shown(page: str, names) -> list[str]:
    """Which of `names` the page shows, in the page's order."""
    found = [(page.index(name), name) for name in names if name in page]
    return [name for _, name in sorted(found)]


def next_link(page: str) -> str | None:
    found = re.search(r'rel="next" href="([^"]+)"', page)
    return html.unescape(found.group(1)) if found else None


def count_line(first: int, last: int, total: int) -> str:
    return f"{first}–{last} of {total}"


def walk(client, url: str, names) -> list[list[str]]:
    """Each page's items among `names`, following Next links from `url` to the end."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        pages.append(shown(page, names))
        url = next_link(page)
        assert len(pages) < 50
    return pages


@contextmanager
def statements():
    """The SQL the block runs, as text (to see that a page asks only for its slice)."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()).lower())

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
