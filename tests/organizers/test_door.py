"""The offline door app: the check-in list, idempotent sync, and the app in Chromium offline."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Registration, UserRole
from jobfair.models.base import utcnow
from jobfair.organizers import door
from tests.conftest import PASSWORD
from tests.support.axe import serious_violations
from tests.support.dates import fair_today


@pytest.fixture
def fair(create_user, create_event):
    """An event running today (with three registered candidates, one with a Khmer name)
    and an organizer."""
    event = create_event(starts_on=TODAY - timedelta(days=1), ends_on=TODAY + timedelta(days=1))
    names = [("Sok Dara", "សុខ ដារ៉ា"), ("Tanaka Yui", ""), ("Chan Sreypov", "ចាន់ ស្រីពៅ")]
    tickets = []
    for name, khmer in names:
        user = create_user(display_name=name, profile={"name_khmer": khmer})
        registration = Registration(event_id=event.id, candidate_id=user.profile.id)
        db.session.add(registration)
        tickets.append(registration)
    staff = create_user(role=UserRole.ORGANIZER)
    db.session.commit()
    return event, tickets, staff


TODAY = fair_today()


def at(minutes: int) -> datetime:
    """09:00 in Phnom Penh on the fair's first day, plus `minutes`."""
    first_day = TODAY - timedelta(days=1)
    return datetime.combine(first_day, time(2, 0), UTC) + timedelta(minutes=minutes)


def test_the_list_holds_only_what_the_door_needs(fair):
    event, tickets, _staff = fair
    data = door.checkin_list(event)
    assert len(data["tickets"]) == 3
    first = next(t for t in data["tickets"] if t["c"] == tickets[0].short_code)
    assert set(first) == {"h", "c", "n", "k", "t"}
    assert first["h"] == door.token_hash(tickets[0].ticket_token) != tickets[0].ticket_token
    assert first["n"] == "Sok Dara" and first["k"] == "សុខ ដារ៉ា"
    assert datetime.fromisoformat(data["expires_at"]) > datetime.now(UTC)


def test_sync_keeps_the_earliest_time_and_counts_each_ticket_once(fair):
    event, tickets, staff = fair
    code = tickets[0].short_code
    assert door.sync(event, staff, {code: at(10)}) == [
        {"code": code, "result": "recorded", "checked_in_at": at(10).isoformat()}
    ]
    # The same check-in sent again, and a later one from another device: nothing changes.
    assert door.sync(event, staff, {code: at(10)})[0]["result"] == "already"
    assert door.sync(event, staff, {code: at(30)})[0]["result"] == "already"
    # An earlier one (a device that was offline longer) wins.
    assert door.sync(event, staff, {code: at(5)})[0]["result"] == "recorded"
    db.session.commit()
    db.session.expire_all()
    rows = db.session.scalars(sa.select(Registration).where(Registration.short_code == code)).all()
    assert [r.checked_in_at for r in rows] == [at(5)]
    assert door.sync(event, staff, {"ZZZZZZZZ": at(1)}) == [
        {"code": "ZZZZZZZZ", "result": "unknown"}
    ]


def test_parsing_takes_the_earliest_per_code_and_refuses_garbage():
    now = at(60)
    parsed = door.parse_checkins(
        {
            "checkins": [
                {"code": "acde-fghj".replace("-", ""), "at": at(20).isoformat()},
                {"code": "ACDEFGHJ", "at": at(10).isoformat().replace("+00:00", "Z")},
                {"code": "KLMNPQRT", "at": (now + timedelta(days=1)).isoformat()},
            ]
        },
        now,
    )
    # The device clock ahead of the server's is held to now.
    assert parsed == {"ACDEFGHJ": at(10), "KLMNPQRT": now}
    for bad in (
        None,
        {"checkins": "x"},
        {"checkins": [{"code": "ACDEFGHJ"}]},
        {"checkins": [{"code": "ACDEFGHJ", "at": "2026-11-27T02:00:00"}]},  # no time zone
        {"checkins": [{"code": "<script>", "at": at(1).isoformat()}]},
    ):
        with pytest.raises(door.SyncError):
            door.parse_checkins(bad, now)


def test_sync_endpoint_records_and_answers_json(app, fair):
    event, tickets, staff = fair
    client = app.test_client()
    client.post("/auth/login", data={"identifier": staff.email, "password": PASSWORD})
    listed = client.get(f"/organizer/door/events/{event.id}/list.json").get_json()
    assert {t["c"] for t in listed["tickets"]} == {t.short_code for t in tickets}
    assert "csrf" in listed
    url = f"/organizer/door/events/{event.id}/sync"
    body = {"checkins": [{"code": tickets[1].short_code, "at": utcnow().isoformat()}]}
    answer = client.post(url, json=body)
    assert answer.status_code == 200
    assert answer.get_json()["results"][0]["result"] == "recorded"
    assert client.post(url, json={"checkins": [{"code": 1}]}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Registration, tickets[1].id).checked_in_by_id == staff.id


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=UTC),  # the year 1
        datetime.combine(TODAY - timedelta(days=30), time(3, 0), UTC),  # a month before
        datetime.combine(TODAY - timedelta(days=2), time(10, 0), UTC),  # the day before
    ],
)
def test_sync_refuses_times_outside_the_event_and_keeps_the_real_one(app, fair, moment):
    event, tickets, staff = fair
    code = tickets[0].short_code
    assert door.sync(event, staff, {code: at(30)})[0]["result"] == "recorded"
    db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"identifier": staff.email, "password": PASSWORD})
    answer = client.post(
        f"/organizer/door/events/{event.id}/sync",
        json={"checkins": [{"code": code, "at": moment.isoformat()}]},
    )
    [result] = answer.get_json()["results"]
    assert result["result"] == "refused" and "outside the event" in result["reason"]
    db.session.expire_all()
    assert db.session.get(Registration, tickets[0].id).checked_in_at == at(30)
    # Within the day's tolerance: an earlier time on the first morning still counts.
    early = datetime.combine(TODAY - timedelta(days=1), time(0, 30), ZoneInfo(event.timezone))
    assert door.sync(event, staff, {code: early.astimezone(UTC)})[0]["result"] == "recorded"


def test_deeply_nested_json_is_a_bad_request(app, fair):
    event, _tickets, staff = fair
    client = app.test_client()
    client.post("/auth/login", data={"identifier": staff.email, "password": PASSWORD})
    answer = client.post(
        f"/organizer/door/events/{event.id}/sync",
        data="[" * 100_000,
        content_type="application/json",
    )
    assert answer.status_code == 400


def test_the_service_worker_is_scoped_to_the_door_pages(client, fair):
    event, _tickets, _staff = fair
    worker = client.get("/organizer/door/sw.js")
    assert worker.status_code == 200 and worker.mimetype == "text/javascript"
    manifest = client.get(f"/organizer/door/events/{event.id}/manifest.webmanifest").get_json()
    assert manifest["scope"] == "/organizer/door/"
    assert manifest["start_url"] == f"/organizer/door/events/{event.id}"


def test_log_out_clears_the_devices_storage(client, auth, fair):
    _event, _tickets, staff = fair
    auth.login(staff.email)
    response = auth.logout()
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


# --- in Chromium, offline ---------------------------------------------------------------


def open_door(browser, base, email, event_id):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "/auth/login")
    page.fill("#identifier", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(base + "/organizer/")
    page.goto(f"{base}/organizer/door/events/{event_id}")
    expect(page.locator("#door")).to_have_attribute("data-ready", "true")
    page.evaluate("() => navigator.serviceWorker.ready")
    return context, page


def check_in(page, text):
    page.fill("#door-code", text)
    page.press("#door-code", "Enter")
    expect(page.locator("#door-found")).to_be_visible()
    page.locator("#door-confirm").click()
    expect(page.locator("#door-confirm")).to_be_hidden()


@pytest.mark.browser
def test_door_app_checks_in_offline_and_syncs_once_with_the_earliest_time(
    live_server, browser, fair, screenshot
):
    event, tickets, staff = fair
    base = live_server.url
    first, a = open_door(browser, base, staff.email, event.id)
    second, b = open_door(browser, base, staff.email, event.id)
    assert serious_violations(a) == []
    assert a.evaluate("() => document.documentElement.scrollWidth") <= 390
    for context in (first, second):
        context.set_offline(True)
    expect(a.locator("#door-online")).to_have_class("online-badge is-offline")
    # Offline, the page still loads: the service worker serves it, IndexedDB the list.
    a.reload()
    expect(a.locator("#door")).to_have_attribute("data-ready", "true")
    expect(a.locator("#door-list")).to_contain_text("3 tickets on this device")

    # The second device checks Chan in first (the earliest time) ...
    check_in(b, tickets[2].short_code)
    b.wait_for_timeout(50)
    # ... then the first device: Sok by typed code (twice), Tanaka by a scanned token, Chan.
    check_in(a, tickets[0].short_code[:4].lower() + "-" + tickets[0].short_code[4:])
    a.fill("#door-code", tickets[0].short_code)
    a.press("#door-code", "Enter")
    expect(a.locator("#door-state")).to_contain_text("Already checked in")
    expect(a.locator("#door-confirm")).to_be_hidden()
    check_in(a, tickets[1].ticket_token)
    check_in(a, tickets[2].short_code)
    expect(a.locator("#door-pending")).to_have_text("3 check-ins waiting to sync")
    expect(b.locator("#door-pending")).to_have_text("1 check-in waiting to sync")
    screenshot(a, "door-offline-pending-phone")
    db.session.expire_all()
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(Registration.checked_in_at.is_not(None)))
        == 0
    )

    times_a = {
        r["code"]: r["at"]
        for r in a.evaluate(
            """() => new Promise((resolve) => {
                 const open = indexedDB.open("jobfair-door");
                 open.onsuccess = () => {
                   const get = open.result.transaction("pending").objectStore("pending").getAll();
                   get.onsuccess = () => resolve(get.result);
                 };
               })"""
        )
    }
    # The first device comes back first: its (later) time for Chan is stored for now.
    first.set_offline(False)
    expect(a.locator("#door-pending")).to_have_text("Everything is synced")
    expect(a.locator("#door-online")).to_have_class("online-badge")
    second.set_offline(False)
    expect(b.locator("#door-pending")).to_have_text("Everything is synced")
    screenshot(a, "door-synced-phone")

    db.session.expire_all()
    rows = db.session.scalars(sa.select(Registration).order_by(Registration.id)).all()
    assert all(r.checked_in_at is not None and r.checked_in_by_id == staff.id for r in rows)
    assert rows[0].checked_in_at == datetime.fromisoformat(
        times_a[rows[0].short_code].replace("Z", "+00:00")
    )
    # Chan: the second device's earlier time won over the first device's.
    assert rows[2].checked_in_at < datetime.fromisoformat(
        times_a[rows[2].short_code].replace("Z", "+00:00")
    )
    first.close()
    second.close()


@pytest.mark.browser
def test_log_out_warns_about_unsynced_check_ins_then_clears_the_device(live_server, browser, fair):
    event, tickets, staff = fair
    context, page = open_door(browser, live_server.url, staff.email, event.id)
    databases = "async () => (await indexedDB.databases()).map((d) => d.name)"
    assert page.evaluate(databases) == ["jobfair-door"]
    assert page.evaluate("() => caches.keys()") == ["jobfair-door-v1"]
    context.set_offline(True)
    check_in(page, tickets[0].short_code)
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Log out").click()
    assert dialogs and "not synced" in dialogs[0]
    assert page.url.endswith(f"/organizer/door/events/{event.id}")  # stayed
    context.set_offline(False)
    expect(page.locator("#door-pending")).to_have_text("Everything is synced")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live_server.url + "/")
    # Clear-Site-Data took the list, the queue and the cached pages off the device.
    assert page.evaluate("() => caches.keys()") == []
    assert page.evaluate(databases) == []
    context.close()


def test_sync_locks_tickets_in_one_order_whatever_order_the_device_sent(fair):
    """Two doors syncing the same tickets in opposite orders deadlocked on PostgreSQL (the
    load test's offline bursts: 503 "busy"); rows are now updated in id order."""
    event, tickets, staff = fair
    updated = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("UPDATE registrations"):
            updated.append(context.compiled_parameters[0]["id_1"])

    newest_first = {t.short_code: at(10) for t in reversed(tickets)}
    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        results = door.sync(event, staff, newest_first)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert {r["result"] for r in results} == {"recorded"} and len(results) == 3
    assert updated == sorted(t.id for t in tickets)
