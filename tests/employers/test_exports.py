"""Shortlist and pipeline downloads: formula-safe, consented data only, audit-logged."""

import csv
import io

import sqlalchemy as sa
from openpyxl import load_workbook

from jobfair.extensions import db
from jobfair.models import Application, AuditLog


def rows_of_xlsx(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_shortlist_xlsx_ranks_and_explains(client, auth, fair, seed_candidates):
    seed_candidates(fair.event, n=4)
    auth.login(fair.recruiter.email)
    response = client.get(f"/employer/roles/{fair.role.id}/export/shortlist.xlsx?section=everyone")
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="role-{fair.role.id}-shortlist.xlsx"'
    )
    rows = rows_of_xlsx(response.data)
    assert rows[0][:5] == ["Rank", "Fit", "Score", "Reference", "Candidate"]
    assert len(rows) == 6 and rows[1][0] == 1 and rows[1][4] == "Chan Dara"
    assert rows[1][1] == "Strong fit"
    assert rows[1][6] == "welding; reading technical drawings"
    assert rows[1][12] == "dara@example.com"  # shared
    # The default export is the page's default: those who meet every must-have.
    qualified = rows_of_xlsx(
        client.get(f"/employer/roles/{fair.role.id}/export/shortlist.xlsx").data
    )
    passing = [r[3] for r in rows[1:] if "(meets)" in str(r[8])]
    assert "C" + f"{fair.candidate.profile.id:05d}" in passing
    assert [r[3] for r in qualified[1:]] == passing


def test_contact_only_when_shared_and_never_under_blind_review(client, auth, fair):
    fair.candidate.profile.share_contact = False
    db.session.commit()
    auth.login(fair.recruiter.email)
    rows = rows_of_xlsx(client.get(f"/employer/roles/{fair.role.id}/export/shortlist.xlsx").data)
    assert "dara@example.com" not in str(rows)
    fair.candidate.profile.share_contact = True
    fair.role.blind_review = True
    db.session.commit()
    rows = rows_of_xlsx(client.get(f"/employer/roles/{fair.role.id}/export/shortlist.xlsx").data)
    assert "dara@example.com" not in str(rows) and "Chan Dara" not in str(rows)


def test_pipeline_csv_is_formula_safe_and_audited(client, auth, fair):
    fair.candidate.profile.full_name = '=HYPERLINK("http://evil")'
    db.session.add(Application(role=fair.role, candidate=fair.candidate.profile, status="invited"))
    db.session.commit()
    auth.login(fair.recruiter.email)
    response = client.get(f"/employer/roles/{fair.role.id}/export/pipeline.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    since = "Since (Cambodia Time)"
    assert rows[0] == ["Reference", "Candidate", "Status", since, "Email", "Phone"]
    assert rows[1][1].startswith("'=") and rows[1][2] == "Invited"
    audit = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "export"))
    assert audit.actor_id == fair.recruiter.id and audit.target_id == fair.role.id
    assert audit.details == {"kind": "pipeline", "format": "csv", "rows": 1}


def test_unknown_export_kinds_are_404(client, auth, fair):
    auth.login(fair.recruiter.email)
    assert client.get(f"/employer/roles/{fair.role.id}/export/notes.csv").status_code == 404
    assert client.get(f"/employer/roles/{fair.role.id}/export/shortlist.pdf").status_code == 404


def test_withdrawn_consent_leaves_only_a_reference(client, auth, fair):
    db.session.add(Application(role=fair.role, candidate=fair.candidate.profile, status="invited"))
    fair.candidate.profile.consent_at = None
    db.session.commit()
    auth.login(fair.recruiter.email)
    export = client.get(f"/employer/roles/{fair.role.id}/export/pipeline.csv")
    text = export.get_data(as_text=True)
    assert "Chan Dara" not in text and "dara@example.com" not in text
    assert f"C{fair.candidate.profile.id:05d}" in text
    page = client.get(f"/employer/roles/{fair.role.id}/pipeline").get_data(as_text=True)
    assert "Chan Dara" not in page
