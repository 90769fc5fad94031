"""Employer workflows: roles, the ranked shortlist, the pipeline, interview slots, the team.

Plain functions that take models and return models; the caller (a view) commits.
Every lookup a recruiter can reach by URL goes through a `get_*_or_404(..., for_user=...)`
helper, which answers 404 for another company's data.
"""

from .applications import (
    NEXT_STATUSES,
    add_note,
    add_to_pipeline,
    change_status,
    move,
    pipeline,
    statuses_for_candidate,
)
from .company import (
    INVITATION_LIFETIME,
    LOGO_MAX_BYTES,
    accept_invitation,
    approved_events,
    exhibitor_for,
    exhibitor_records,
    invitation_for_token,
    invite_colleague,
    logo_folder,
    logo_kind,
    pending_invitations,
    save_logo,
    update_company,
)
from .errors import RecruitingError
from .interviews import (
    booking_clash,
    create_slots,
    free_slots,
    invite,
    local_to_utc,
    schedule,
)
from .lookups import (
    get_application_or_404,
    get_candidate_or_404,
    get_exhibitor_or_404,
    get_role_or_404,
    get_slot_or_404,
)
from .roles import ROLE_FIELDS, company_roles, copy_role, create_role, set_role_status, update_role
from .shortlists import (
    REVEALED_STATUSES,
    SHORTLIST_FILTERS,
    Ranked,
    ShortlistPage,
    age,
    applications_by_candidate,
    candidate_label,
    candidate_ref,
    is_revealed,
    ranked_shortlist,
    shortlist,
    shortlist_page,
)

__all__ = [
    "INVITATION_LIFETIME", "LOGO_MAX_BYTES", "NEXT_STATUSES", "REVEALED_STATUSES", "ROLE_FIELDS",
    "SHORTLIST_FILTERS", "Ranked", "RecruitingError", "ShortlistPage", "accept_invitation",
    "add_note", "add_to_pipeline", "age", "applications_by_candidate", "approved_events",
    "booking_clash", "candidate_label", "candidate_ref", "change_status", "company_roles", "copy_role",
    "create_role", "create_slots", "exhibitor_for", "exhibitor_records",
    "free_slots", "get_application_or_404", "get_candidate_or_404", "get_exhibitor_or_404",
    "get_role_or_404", "get_slot_or_404", "invitation_for_token", "invite", "invite_colleague",
    "is_revealed", "local_to_utc", "logo_folder", "logo_kind", "move", "pending_invitations",
    "pipeline", "ranked_shortlist", "save_logo", "schedule", "set_role_status", "shortlist",
    "shortlist_page", "statuses_for_candidate", "update_company", "update_role",
]  # fmt: skip
