"""National-fair load and fault test: two app servers, PostgreSQL, Redis, many clients.

    python bench/load_test.py --scale small   # a few minutes: a tenth of the fair (15
                                              # exhibitors, 300 roles, 5,000 candidates)
    python bench/load_test.py --scale full    # 150 exhibitors, 3,000 roles, 50,000
                                              # candidates, 200 clients, 10 minutes

A throwaway PostgreSQL cluster (fsync and synchronous commit on, as deployed) and a throwaway
Redis (rate limits, counted for both servers) start on loopback; the fair is built
(bench/load_fair.py) and two gunicorn app servers (gunicorn.conf.py) serve it behind a
small load balancer in the client (load_support.Balancer). Then, for `--duration` seconds:

* newcomers sign up, finish sign-up from their message's link, register, open the ticket,
  fill their profile, search jobs, open roles and apply;
* returning candidates sign in, edit their profile, search, open roles and apply;
* recruiters open their roles' shortlists and candidates' pages;
* 10 doors (the offline door app) download the check-in list, then sync offline bursts of
  500 check-ins (new tickets first, some scanned before at another door);
* one app server is SIGKILLed (master and workers at once) and started again later: the
  requests it held fail (listed with their reasons); the balancer sends new ones to the
  other server until it is back.

Afterwards the database is counted (bench/load_checks.py): every sign-up, registration,
application, profile edit and check-in the server answered with success must be stored
exactly once. It prints the machine, p95 per kind of request against the targets (pages
< 500 ms, the shortlist < 800 ms), the failed requests with their reasons and the counts;
the exit status is 1 if anything was lost or duplicated.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import load_checks  # noqa: E402
from load_clients import Fair  # noqa: E402
from load_fair import prepare  # noqa: E402
from load_support import AppServer, Balancer, QueueWorker, flask_env, machine, server_errors  # noqa: E402

from tests.support.postgres import TemporaryCluster, free_port  # noqa: E402
from tests.support.redis import TemporaryRedis  # noqa: E402

SCALES = {
    # the fair's size (bench/national.py's scale), clients, seconds, think time, bursts per door,
    # app server kill and restart, earliest queue worker kill (seconds into the run), mean
    # seconds between the office's jobs, gunicorn workers per app server, longest wait for
    # the queue to finish its jobs after the clients stop
    "small": dict(fair=0.1, clients=40, duration=150, think=1.0, bursts=1, kill_at=40,
                  restart_at=60, worker_kill_at=30, job_every=20, workers=2, drain=300),
    "full": dict(fair=1.0, clients=200, duration=600, think=2.0, bursts=4, kill_at=200,
                 restart_at=230, worker_kill_at=120, job_every=60, workers=2, drain=900),
}  # fmt: skip
TARGETS_MS = {"shortlist": 800}
PAGE_TARGET_MS = 500


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--fair", type=float, help="bench/national.py's scale (1: national)")
    names = ("clients", "duration", "bursts", "kill_at", "restart_at", "worker_kill_at")
    for name in (*names, "job_every", "workers", "drain"):
        parser.add_argument("--" + name.replace("_", "-"), type=int)
    parser.add_argument("--think", type=float, help="mean seconds between a person's pages")
    parser.add_argument("--doors", type=int, default=10)
    parser.add_argument("--burst", type=int, default=500, help="check-ins per offline sync")
    parser.add_argument("--recruiters", type=int, help="default: a tenth of the clients")
    parser.add_argument("--logs", help="copy the app servers' and workers' logs here")
    args = parser.parse_args()
    for name, value in SCALES[args.scale].items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.recruiters = args.recruiters or max(2, args.clients // 10)
    args.returning_pool = args.clients * 20
    return args


def targets(kinds) -> dict[str, float]:
    """p95 targets: the shortlist's own, every page's otherwise (bursts and lists excluded:
    a sync of 500 and a list of 50,000 tickets are not pages)."""
    return {
        kind: TARGETS_MS.get(kind, PAGE_TARGET_MS)
        for kind in kinds
        if not kind.startswith("door: ")
    }


def run_clients(args, fair: Fair, servers, balancer: Balancer, workers) -> float:
    """Start everyone, kill and restart one app server and one queue worker, stop after
    `duration`."""
    people = args.clients - args.doors - args.recruiters - 1  # and the office
    threads = [threading.Thread(target=fair.newcomer) for _ in range(people // 2)]
    threads += [
        threading.Thread(target=fair.returning_candidate) for _ in range(people - people // 2)
    ]
    emails = list(fair.info["recruiters"])
    threads += [
        threading.Thread(target=fair.recruiter, args=(emails[n % len(emails)],))
        for n in range(args.recruiters)
    ]
    offline = args.duration / (args.bursts + 1)
    doors = sorted(e for e in fair.info["staff"] if e.startswith("door"))[: args.doors]
    threads += [
        threading.Thread(
            target=fair.door,
            args=(email, fair.info["staff"][email], args.burst, args.bursts, offline),
        )
        for email in doors
    ]
    threads.append(
        threading.Thread(
            target=fair.office,
            args=(
                "office@loadtest.example",
                fair.info["staff"]["office@loadtest.example"],
                args.job_every,
            ),
        )
    )
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    faults = Faults(args, fair, servers, balancer, workers, started)
    while time.perf_counter() - started < args.duration:
        faults.check(time.perf_counter() - started)
        time.sleep(0.2)
    fair.stop.set()
    for thread in threads:
        thread.join(timeout=180)
    for thread in fair.followers:
        thread.join(timeout=60)
    faults.wait()
    return time.perf_counter() - started


class Faults:
    """One app server SIGKILLed at `kill_at` and started again at `restart_at`; the first
    queue worker found running a job (its log says so) after `worker_kill_at` SIGKILLed,
    started again 25 s later, once its job's 20 s lease has run out."""

    def __init__(self, args, fair, servers, balancer, workers, started):
        self.args, self.fair, self.balancer, self.started = args, fair, balancer, started
        self.server, self.workers, self.worker = servers[-1], workers, None
        self.server_killed = self.worker_killed_at = None
        self.restarts: list[threading.Thread] = []

    def note(self, what: str) -> None:
        self.fair.stats.events.append((time.perf_counter() - self.started, what))

    def check(self, elapsed: float) -> None:
        args = self.args
        if args.kill_at and elapsed >= args.kill_at and self.server_killed is None:
            self.server.kill()
            self.server_killed = elapsed
            self.note(f"app server :{self.server.port} SIGKILLed (master and workers)")
        if (
            args.restart_at
            and elapsed >= args.restart_at
            and self.server.process.poll() is not None
            and not self.restarts
        ):
            self.restarts.append(threading.Thread(target=self.restart_server))
            self.restarts[-1].start()
        busy = [w for w in self.workers if w.busy()]
        if self.worker is None and elapsed >= args.worker_kill_at and busy:
            self.worker = busy[0]
            self.worker.kill()
            self.worker_killed_at = elapsed
            self.note(f"queue {self.worker.name} SIGKILLed while running a job")
        if (
            self.worker is not None
            and elapsed >= self.worker_killed_at + 25
            and self.worker.process.poll() is not None
        ):
            self.worker.start()
            self.note(f"queue {self.worker.name} started again")

    def restart_server(self) -> None:
        self.server.start()
        self.balancer.put_back(self.server.base)
        self.note(f"app server :{self.server.port} back")

    def wait(self) -> None:
        for thread in self.restarts:
            thread.join()
        if self.worker is not None and self.worker.process.poll() is not None:
            self.worker.start()
            self.note(f"queue {self.worker.name} started again")


def wait_for_jobs(url: str, seconds: float) -> float:
    """After the clients: until no job is queued or running (workers finish the last ones);
    prints the jobs still unfinished when the wait ends, with their progress."""
    engine = sa.create_engine(url)
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < seconds:
            with engine.connect() as conn:
                left = conn.execute(
                    sa.text("SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")
                ).scalar()
            if not left:
                break
            time.sleep(2)
        with engine.connect() as conn:
            for row in conn.execute(
                sa.text(
                    "SELECT id, kind, status, done, total, attempts FROM jobs "
                    "WHERE status IN ('queued', 'running')"
                )
            ):
                print(
                    f"job {row[0]} ({row[1]}) {row[2]} after the wait: {row[3]} of {row[4]}, attempt {row[5]}"
                )
    finally:
        engine.dispose()
    return time.perf_counter() - started


def report(args, fair: Fair, url: str, duration: float, info: dict, folder: str) -> int:
    print(f"\nmachine: {machine()}")
    counts = ", ".join(f"{v:,} {k}" for k, v in info["counts"].items())
    print(f"fair: {info['built']}: {counts}")
    people = args.clients - args.doors - args.recruiters - 1  # and the office
    print(
        f"{args.scale} scale: PostgreSQL (durable) + Redis, 2 app servers × gunicorn "
        f"{args.workers} workers × 4 threads; {args.clients} clients ({people // 2} newcomers, "
        f"{people - people // 2} returning candidates, {args.recruiters} recruiters, {args.doors} "
        f"doors syncing {args.bursts} × {args.burst}, 1 office starting jobs); 2 queue workers "
        f"(flask jobs-worker, Huey on Redis); think {args.think} s; {duration:.0f} s"
    )
    for at, what in fair.stats.events:
        print(f"  {at:5.0f} s: {what}")
    print(fair.stats.table(targets(fair.stats.times)))
    print("failed requests (no answer or 5xx), by request and reason:")
    print(fair.stats.explained())
    for what, n in sorted(fair.refused.items()):
        print(f"  {n} × refused form: {what}")
    errors = server_errors(folder)
    if errors:
        print("exceptions in the app servers' logs:")
        for line, n in sorted(errors.items()):
            print(f"  {n} × {line}")
    print()
    for kind in fair.no_job_form:
        print(f"{kind} jobs: none started (no page has a button starting them as jobs)")
    for kind in sorted({j["kind"] for j in fair.jobs.values()}):
        mine = [j for j in fair.jobs.values() if j["kind"] == kind]
        taken = sorted(j["seconds"] for j in mine if j["seconds"])
        print(
            f"job {kind}: {len(mine)} started, {len(taken)} followed to the end by the office"
            + (
                f", start to done median {statistics.median(taken):.1f} s, max {taken[-1]:.1f} s"
                if taken
                else ""
            )
        )
    print(f"queue drained {fair.jobs_wait:.0f} s after the clients stopped")
    counts = load_checks.count(url, fair, info["event"], folder)
    for label, value in counts.items():
        print(f"{label:56} {value:>7,}")
    bad = load_checks.problems(counts)
    print("lost or duplicated: " + ("none" if not bad else f"{bad} (FAILED)"))
    return 1 if bad else 0


def main() -> int:
    args = arguments()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        os.makedirs(f"{folder}/uploads")
        cluster = TemporaryCluster(durable=True).start()
        redis = TemporaryRedis().start()
        servers: list[AppServer] = []
        workers: list[QueueWorker] = []
        try:
            url = cluster.create_database("jobfair_load")
            info = prepare(url, folder, args.fair)
            print(
                f"fair built in {time.perf_counter() - started:.0f} s: {info['built']}", flush=True
            )
            env = flask_env(url, folder, redis.url)
            servers = [AppServer(free_port(), env, folder, args.workers).start() for _ in range(2)]
            balancer = Balancer([s.base for s in servers])
            fair = Fair(args, balancer, info, url)
            workers = [QueueWorker(f"worker-{n}", env, folder).start() for n in (1, 2)]
            duration = run_clients(args, fair, servers, balancer, workers)
            fair.jobs_wait = wait_for_jobs(url, args.drain)
            return report(args, fair, url, duration, info, folder)
        finally:
            for each in servers + workers:
                each.stop()
            if args.logs:
                os.makedirs(args.logs, exist_ok=True)
                for log in Path(folder).glob("*.log"):
                    shutil.copy(log, args.logs)
            redis.stop()
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
