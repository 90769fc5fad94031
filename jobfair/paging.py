"""Which slice of a list a page shows: the one paging rule of every paged list.

A page before the first shows the first and a page past the end shows the last, so a
bookmarked or hand-edited page number never shows an empty list nor an error.

>>> window(total=51, page=3, per_page=25)
Window(page=3, pages=3, per_page=25, offset=50)
>>> window(total=51, page=99, per_page=25).page, window(total=0, page=2, per_page=25).pages
(3, 1)
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Window:
    """One page of a list: its number (from 1), how many pages, and where it starts."""

    page: int
    pages: int
    per_page: int
    offset: int

    def of(self, items: list) -> list:
        """The page's items of the whole list."""
        return items[self.offset : self.offset + self.per_page]


def window(*, total: int, page: int, per_page: int) -> Window:
    """The page `page` of `total` items, `per_page` a page, clamped to 1…the last page."""
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    return Window(page=page, pages=pages, per_page=per_page, offset=(page - 1) * per_page)
