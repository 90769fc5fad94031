"""The people of the load test, each a thread with its own browser (load_support.Client).

Newcomers sign up, finish sign-up from the link in their message, register, open their
ticket, fill their profile, search jobs, open a role and apply. Returning candidates sign in
and browse, edit their profile and apply. Recruiters open their roles' shortlists and the
candidates on them. Doors (the offline door app) download the check-in list, then sync the
check-ins they recorded offline in bursts. What the server answered with success is kept,
to be counted in the database afterwards.
"""

import json
import queue
import random
import re
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pyotp
import sqlalchemy as sa
from load_fair import PASSWORD
from load_support import Balancer, Client, Stats, csrf, forms

SEARCH_WORDS = ["", "", "welder", "factory", "driver", "care", "it", "hotel", "japan", "sales"]
SECTORS = ["", "", "manufacturing", "construction", "hospitality", "care", "it", "logistics"]


class Fair:
    def __init__(self, args, balancer: Balancer, info: dict, url: str):
        self.args, self.balancer, self.info = args, balancer, info
        self.stats = Stats()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.newcomer_number = 0
        self.returning = queue.Queue()
        for email in info["candidates"][: args.returning_pool]:
            self.returning.put(email)
        self.door_codes = list(info["codes"])  # tickets the doors will scan, in order
        self.new_tickets = queue.Queue()  # short codes of newcomers' tickets
        self.sent_at: dict[str, str] = {}  # code -> time the doors sent (one per code)
        self.acknowledged: set[str] = set()  # codes a sync answered "recorded"/"already"
        self.recorded = Counter()  # "recorded" answers per code
        self.succeeded = {"signup": set(), "registration": set(), "application": set()}
        self.profile_edits: dict[str, str] = {}  # email -> last headline saved with success
        self.engine = sa.create_engine(url)
        self.refused = Counter()  # forms the server sent back with errors, by error
        self.jobs: dict[int, dict] = {}  # job id -> kind, seconds to done, status seen
        self.no_job_form: set[str] = set()  # kinds whose start button no page has
        self.jobs_unanswered = 0  # start requests without an answer (a killed server)
        self.followers: list[threading.Thread] = []

    # ------------------------------------------------------------ helpers

    def think(self, factor: float = 1.0) -> None:
        self.stop.wait(self.args.think * factor * (0.5 + random.random()))

    def client(self) -> Client:
        return Client(self.balancer, self.stats)

    def log_in(self, client: Client, email: str, totp: str | None = None) -> bool:
        _s, page, _l = client.get("log in page", "/auth/login")
        status, _page, location = client.request(
            "log in",
            "/auth/login",
            {"identifier": email, "password": PASSWORD, "csrf_token": csrf(page)},
        )
        if totp and "two-factor" in location:
            _s, page, _l = client.get("two-factor page", location)
            status, _page, location = client.request(
                "two-factor", location, {"code": pyotp.TOTP(totp).now(), "csrf_token": csrf(page)}
            )
        return status == 302

    def jobs_path(self, rng: random.Random) -> str:
        query = {"q": rng.choice(SEARCH_WORDS), "sector": rng.choice(SECTORS)}
        page = rng.choice([1, 1, 1, 2, 3])
        text = "&".join(f"{k}={v}" for k, v in query.items() if v)
        return f"/events/{self.info['event']}/jobs?" + text + (f"&page={page}" if page > 1 else "")

    # ------------------------------------------------------------ candidates

    def newcomer(self) -> None:
        rng = random.Random()
        while not self.stop.is_set():
            with self.lock:
                self.newcomer_number += 1
                n = self.newcomer_number
            client = self.client()
            email = f"load{n:06d}@example.com"
            _s, page, _l = client.get("sign-up page", "/auth/signup")
            self.think()
            status, _p, _l = client.request(
                "sign-up",
                "/auth/signup",
                {"display_name": f"Load Candidate {n}", "email": email, "password": PASSWORD,
                 "confirm": PASSWORD, "csrf_token": csrf(page)},
            )  # fmt: skip
            if status != 302 or self.finish_signup(client, email) != "/me/":
                continue
            with self.lock:
                self.succeeded["signup"].add(email)
            self.think()
            if not self.register(client, email):
                continue
            self.think()
            self.edit_profile(client, email, rng)
            self.browse_and_apply(client, email, rng, rounds=2)

    def finish_signup(self, client: Client, email: str) -> str | None:
        """Open the link sign-up sent (read from the outbox, as from the person's mail) and
        press its button; where it leads (the dashboard), or None."""
        with self.engine.connect() as conn:
            body = conn.execute(
                sa.text(
                    "SELECT m.body FROM messages m JOIN users u ON u.id = m.user_id "
                    "WHERE u.email = :email AND m.kind = 'signup_finish' ORDER BY m.id DESC"
                ),
                {"email": email},
            ).scalar()
        found = re.search(r"https?://[^/\s]+(/auth/signup/finish/\S+)", body or "")
        if not found:
            return None
        _s, page, _l = client.get("finish sign-up page", found.group(1))
        status, _p, location = client.request(
            "finish sign-up", found.group(1), {"csrf_token": csrf(page)}
        )
        return location if status == 302 else None

    def register(self, client: Client, email: str) -> bool:
        """Register for the fair with consent, open the ticket; its code goes to a door."""
        path = f"/me/events/{self.info['event']}/register"
        _s, page, _l = client.get("registration page", path)
        self.think()
        status, _p, location = client.request(
            "register for the fair", path, {"consent": "y", "csrf_token": csrf(page)}
        )
        if status != 302 or "/me/tickets/" not in location:
            return False
        with self.lock:
            self.succeeded["registration"].add(email)
        _s, page, _l = client.get("ticket", location)
        code = re.search(r'class="short-code">([A-Z0-9]{4})-([A-Z0-9]{4})<', page)
        if code:
            self.new_tickets.put(code.group(1) + code.group(2))
        return True

    def edit_profile(self, client: Client, email: str, rng: random.Random) -> None:
        """Change the headline, keep the rest as the page filled it (a newcomer fills in the
        name, province and education the form needs)."""
        status, page, _l = client.get("profile page", "/me/profile")
        form = next((f for f in forms(page) if any(k == "headline" for k, _v in f["fields"])), None)
        if status != 200 or form is None:
            return
        headline = f"Load headline {rng.randrange(10**9)}"
        fields = []
        for name, value in form["fields"]:
            if name == "full_name" and not value:
                value = email.split("@")[0].title()
            elif not value and name in ("province", "education_level"):
                value = rng.choice(form["options"][name])
            if name != "headline":
                fields.append((name, value))
        fields.append(("headline", headline))
        self.think()
        status, page, _l = client.request("profile save", "/me/profile", fields)
        if status == 200:
            errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', page)
            with self.lock:
                self.refused[f"profile save: {'; '.join(e.strip() for e in errors[:3])}"] += 1
        if status == 302:
            with self.lock:
                self.profile_edits[email] = headline

    def browse_and_apply(self, client: Client, email: str, rng: random.Random, rounds: int) -> None:
        for _ in range(rounds):
            if self.stop.is_set():
                return
            _s, page, _l = client.get("job search", self.jobs_path(rng))
            found = re.findall(rf"/events/{self.info['event']}/jobs/(\d+)", page)
            role_id = int(rng.choice(found)) if found else rng.choice(self.info["roles"])
            self.think()
            status, page, _l = client.get(
                "role page", f"/events/{self.info['event']}/jobs/{role_id}"
            )
            token = csrf(page)
            if status != 200 or not token or rng.random() < 0.4:
                self.think()
                continue
            self.think()
            status, page, _l = client.request(
                "apply", f"/me/roles/{role_id}/apply", {"csrf_token": token, "next": "/me/"}
            )
            if status == 302:
                _s, page, _l = client.get("dashboard after applying", "/me/")
                if "can now see your interest" in page:  # the apply flash, not an earlier one
                    with self.lock:
                        self.succeeded["application"].add((email, role_id))
            self.think()

    def returning_candidate(self) -> None:
        rng = random.Random()
        while not self.stop.is_set():
            try:
                email = self.returning.get_nowait()
            except queue.Empty:
                return
            client = self.client()
            if self.log_in(client, email):
                client.get("candidate dashboard", "/me/")
                self.think()
                if rng.random() < 0.5:
                    self.edit_profile(client, email, rng)
                self.browse_and_apply(client, email, rng, rounds=3)
            self.returning.put(email)  # another client may sign in as them later

    # ------------------------------------------------------------ recruiters

    def recruiter(self, email: str) -> None:
        rng = random.Random()
        roles = self.info["recruiters"][email]
        client = self.client()
        if not self.log_in(client, email):
            return
        while not self.stop.is_set():
            role_id = rng.choice(roles)
            _s, page, _l = client.get("shortlist", f"/employer/roles/{role_id}/shortlist")
            people = sorted(set(re.findall(rf"/employer/roles/{role_id}/candidates/(\d+)", page)))
            for candidate in rng.sample(people, min(2, len(people))):
                self.think()
                client.get("candidate page", f"/employer/roles/{role_id}/candidates/{candidate}")
            self.think(3)

    # ------------------------------------------------------------ doors

    def door(self, email: str, totp: str, burst: int, bursts: int, offline: float) -> None:
        """Sign in, keep the list, then sync `bursts` offline bursts of `burst` check-ins. A
        sync without a good answer is kept and sent again a few seconds later, with whatever
        was scanned since (as the door app keeps its check-ins until a sync is answered)."""
        rng = random.Random()
        client = self.client()
        if not self.log_in(client, email, totp):
            return
        base = f"/organizer/door/events/{self.info['event']}"
        client.get("door app page", base)
        status, page, _l = client.request("door: check-in list", base + "/list.json", timeout=120)
        token = re.search(r'"csrf": ?"([^"]+)"', page)
        token = token.group(1) if token else ""
        pending: dict[str, str] = {}
        done = 0
        while not self.stop.is_set() and (done < bursts or pending):
            # Offline for a while; a sync that got no answer is tried again sooner.
            if self.stop.wait(
                (offline if done < bursts and not pending else 5) * (0.5 + rng.random())
            ):
                break
            if done < bursts:
                pending.update(self.scan(burst, rng))
                done += 1
            body = {"checkins": [{"code": c, "at": at} for c, at in pending.items()]}
            status, page, _l = client.request(
                f"door: sync {burst}", base + "/sync", json_body=body,
                headers={"X-CSRFToken": token, "Accept": "application/json"}, timeout=120,
            )  # fmt: skip
            if status != 200:
                continue
            answers = json.loads(page).get("results", [])
            with self.lock:
                for answer in answers:
                    if answer["result"] in ("recorded", "already"):
                        self.acknowledged.add(answer["code"])
                    if answer["result"] == "recorded":
                        self.recorded[answer["code"]] += 1
            pending = {}

    def scan(self, burst: int, rng: random.Random) -> dict[str, str]:
        """What a door records offline: new tickets first, then pre-registered ones; one in
        twenty scanned before at another door (the same person, the same time)."""
        scanned: dict[str, str] = {}
        with self.lock:
            again = rng.sample(sorted(self.sent_at), min(len(self.sent_at), burst // 20))
            scanned.update({code: self.sent_at[code] for code in again})
            while len(scanned) < burst:
                try:
                    code = self.new_tickets.get_nowait()
                except queue.Empty:
                    if not self.door_codes:
                        break
                    code = self.door_codes.pop()
                at = datetime.now(UTC) - timedelta(seconds=rng.randint(1, 600))
                self.sent_at[code] = scanned[code] = at.isoformat()
        return scanned

    # ------------------------------------------------------------ the office

    # What the office starts, in turn: the candidates' badges once (the long job), then a
    # follow-up to one province's candidates, the funnel report, staff and walk-in badges
    # and the event's exports, again and again.
    FIRST_JOB = ("badges", "candidates")
    JOBS = [
        ("follow_up", "province"),
        ("export", "statistics.xlsx"),
        ("funnel", "xlsx"),
        ("badges", "staff"),
        ("export", "anonymised.csv"),
        ("badges", "walk_ins"),
        ("export", "statistics.csv"),
    ]

    def office(self, email: str, totp: str, every: float) -> None:
        """An organizer starting badge sheets and exports as jobs, following each on its
        job page until done and downloading the file."""
        rng = random.Random()
        client = self.client()
        if not self.log_in(client, email, totp):
            return
        turn = -1
        while not self.stop.wait(every * (0.5 + rng.random())):
            what = self.FIRST_JOB if turn < 0 else self.JOBS[turn % len(self.JOBS)]
            turn += 1
            self.run_job(client, *what)

    def run_job(self, client: Client, page_kind: str, choice: str) -> None:
        event = self.info["event"]
        started = time.perf_counter()
        if page_kind == "follow_up":
            form, path, fields = self.write_follow_up(client, event)
        elif page_kind == "funnel":
            _s, page, _l = client.get("funnel page", f"/organizer/events/{event}/funnel")
            form = next((f for f in forms(page) if "/funnel/report" in f["action"]), None)
            path = form and form["action"]
            fields = form and [(k, choice if k == "file_format" else v) for k, v in form["fields"]]
        elif page_kind == "badges":
            path = f"/organizer/events/{event}/badges"
            _s, page, _l = client.get("badges page", path)
            form = next((f for f in forms(page) if any(k == "kind" for k, _v in f["fields"])), None)
            fields = form and [(k, choice if k == "kind" else v) for k, v in form["fields"]]
        else:
            _s, page, _l = client.get("event page", f"/organizer/events/{event}")
            form = next((f for f in forms(page) if "/exports" in f["action"]), None)
            path = form and form["action"]
            fields = form and [*form["fields"], ("export", choice)]
        if form is None:
            self.no_job_form.add(page_kind)
            return
        status, _p, location = client.request(f"start {page_kind} job", path, fields)
        found = re.search(r"/jobs/(\d+)", location or "")
        if status != 302 or not found:
            with self.lock:
                self.jobs_unanswered += status == 0 or status >= 500
            return
        job_id = int(found.group(1))
        with self.lock:
            self.jobs[job_id] = {"kind": f"{page_kind} ({choice})", "seconds": None}
        client.get("job page", f"/jobs/{job_id}")
        # The page polls while the organizer does other things: one follower per job.
        follower = threading.Thread(target=self.follow_job, args=(client, job_id, started))
        follower.start()
        self.followers.append(follower)

    def write_follow_up(self, client: Client, event: int):
        """Write a follow-up (English and Khmer) to one province's candidates; the form that
        sends it, its address and fields (None when a page did not offer it)."""
        path = f"/organizer/events/{event}/follow-ups/new"
        _s, page, _l = client.get("follow-up composer", path)
        form = next(
            (f for f in forms(page) if any(k == "subject_en" for k, _ in f["fields"])), None
        )
        if form is None:
            return None, None, None
        province = random.choice(form["options"].get("province") or [""])
        texts = {
            "subject_en": "Thank you for coming to the fair",
            "body_en": "Roles are still open: see the fair's job list.",
            "subject_km": "សូមអរគុណដែលបានមកពិព័រណ៍",
            "body_km": "នៅមានការងារទំនេរ៖ សូមមើលបញ្ជីការងារ។",
        }
        fields = [(k, province if k == "province" else texts.get(k, v)) for k, v in form["fields"]]
        status, page, location = client.request("write follow-up", path, fields)
        if status != 302 or not location:
            return None, None, None
        _s, page, _l = client.get("follow-up page", location)
        send = next((f for f in forms(page) if f["action"].endswith("/send")), None)
        return send, send and send["action"], send and send["fields"]

    def follow_job(self, client: Client, job_id: int, started: float) -> None:
        """Poll the job's status as its page does; download the file when it is done."""
        while True:
            status, page, _l = client.request("job status (json)", f"/jobs/{job_id}.json")
            answer = json.loads(page) if status == 200 else {}
            if answer.get("status") in ("done", "failed"):
                break
            if self.stop.is_set():
                return  # the run is over: the queue is waited for from the database
            time.sleep(2)
        with self.lock:
            self.jobs[job_id]["seconds"] = time.perf_counter() - started
        if answer.get("file_url"):
            client.request("job file download", answer["file_url"], timeout=120)
