"""The API's query parameters as its description documents them: the shortlist's come
from the shortlist query itself (`employers.shortlist_query`), so the page and the API
offer the same choices."""

from flask_babel import gettext as _

from ..employers.shortlist_query import DEFAULT_SORT, MAX_TEXT, SORTS
from ..employers.shortlist_query import STATUSES as PIPELINE_STATUSES
from ..employers.shortlists import SHORTLIST_FILTERS
from ..labels import EDUCATION_LABELS, PROGRAM_LABELS, PROVINCES
from ..ranking import DEFAULT_SECTION, SECTIONS


def query(name: str, schema: dict, description: str = "") -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def one_or_more(names) -> dict:
    """A comma-separated list of some of `names`."""
    choice = "(" + "|".join(names) + ")"
    return {"type": "string", "pattern": f"^{choice}(,{choice})*$"}


def shortlist_parameters() -> list[dict]:
    """The shortlist's query: section, sort, filters, search and pipeline statuses."""
    return [
        query(
            "filters",
            one_or_more(SHORTLIST_FILTERS),
            _("Comma-separated: %(names)s", names=", ".join(SHORTLIST_FILTERS)),
        ),
        query(
            "section",
            {"enum": list(SECTIONS)},
            _(
                "%(default)s (default): every must-have met; almost: must-haves "
                "missed by one level only; everyone. Within a section the best band "
                "(strong, good, partial) comes first, then the best score.",
                default=DEFAULT_SECTION,
            ),
        ),
        query(
            "sort",
            {"enum": list(SORTS)},
            _(
                "%(default)s (default): as the section orders them; date: newest "
                "registration first.",
                default=DEFAULT_SORT,
            ),
        ),
        query(
            "q",
            {"type": "string", "maxLength": MAX_TEXT, "pattern": "^[^\\x00-\\x1f]*$"},
            _(
                "Words a candidate's skills, experience, CV or name (not under blind "
                "review) must all contain."
            ),
        ),
        query("province", {"enum": ["", *PROVINCES]}, _("Home province (empty: any)")),
        query(
            "programme",
            {"enum": ["", *PROGRAM_LABELS]},
            _("Interested in (empty: any)"),
        ),
        query(
            "education_min",
            {"enum": ["", *EDUCATION_LABELS]},
            _("Education at least (empty: any)"),
        ),
        query("attended", {"enum": ["y", "n"]}, _("Checked in at the fair (y)")),
        query(
            "status",
            one_or_more(PIPELINE_STATUSES),
            _(
                "Comma-separated pipeline statuses to keep (none: not in the "
                "role's pipeline yet): %(names)s. Without it, every candidate but "
                "those not selected or whose application was withdrawn.",
                names=", ".join(PIPELINE_STATUSES),
            ),
        ),
        query(
            "rejected",
            {"enum": ["y", "n"]},
            _(
                "y: also list the candidates not selected or withdrawn, whom the "
                "working list leaves out by default (n)."
            ),
        ),
    ]
