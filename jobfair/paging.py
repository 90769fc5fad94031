"""Which slice of a list a page shows: the one paging rule of every paged list.

A page before the first shows the first and a page past the end shows the last, so a
bookmarked or hand-edited page number never shows an empty list nor an error.

>>> window(total=51, page=3, per_page=25)
Window(page=3, pages=3, per_page=25, offset=50)
>>> window(total=51, page=99, per_page=25).page, window(total=0, page=2, per_page=25).pages
(3, 1)
>>> Page(items=["z"], total=51, shown=window(total=51, page=3, per_page=25)).numbers()
[1, 2, 3]
"""

from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class Page:
    """The items one page shows, how many the whole list has, and where the page sits in it:
    what the pager (templates/_pager.html) draws."""

    items: list
    total: int
    shown: Window
    counts: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def page(self) -> int:
        return self.shown.page

    @property
    def pages(self) -> int:
        return self.shown.pages

    # The names Flask-SQLAlchemy's Pagination uses, so templates written for it still work.
    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None

    @property
    def first(self) -> int:
        """The position of the page's first item in the whole list (from 1; 0 when empty)."""
        return self.shown.offset + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.shown.offset + len(self.items)

    def numbers(self, around: int = 1) -> list[int | None]:
        """The page numbers to link: the first, the last and `around` either side of this
        one; None where pages are left out ("…"), so a phone's row stays short."""
        keep = {1, self.pages, *range(self.page - around, self.page + around + 1)}
        shown: list[int | None] = []
        for number in sorted(n for n in keep if 1 <= n <= self.pages):
            if shown and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


# One-off notices in an address (the undo banner of a bulk action) that other pages drop.
NOT_KEPT = ("undo",)


def page_url(number: int) -> str:
    """This page's address showing page `number`, its other query arguments (the search and
    the filters) kept."""
    from flask import request, url_for

    args = request.args.to_dict(flat=False)
    for name in NOT_KEPT:
        args.pop(name, None)
    args["page"] = [str(number)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)
