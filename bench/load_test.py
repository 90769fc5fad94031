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
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import load_checks  # noqa: E402
from load_clients import Fair  # noqa: E402
from load_fair import prepare  # noqa: E402
from load_support import AppServer, Balancer, flask_env, machine, server_errors  # noqa: E402

from tests.support.postgres import TemporaryCluster, free_port  # noqa: E402
from tests.support.redis import TemporaryRedis  # noqa: E402

SCALES = {
    # the fair's size (bench/national.py's scale), clients, seconds, think time, bursts per door,
    # server kill and restart (seconds into the run), workers per app server
    "small": dict(fair=0.1, clients=40, duration=120, think=1.0, bursts=1,
                  kill_at=40, restart_at=60, workers=2),
    "full": dict(fair=1.0, clients=200, duration=600, think=2.0, bursts=4,
                 kill_at=200, restart_at=230, workers=2),
}  # fmt: skip
TARGETS_MS = {"shortlist": 800}
PAGE_TARGET_MS = 500


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--fair", type=float, help="bench/national.py's scale (1: national)")
    for name in ("clients", "duration", "bursts", "kill_at", "restart_at", "workers"):
        parser.add_argument("--" + name.replace("_", "-"), type=int)
    parser.add_argument("--think", type=float, help="mean seconds between a person's pages")
    parser.add_argument("--doors", type=int, default=10)
    parser.add_argument("--burst", type=int, default=500, help="check-ins per offline sync")
    parser.add_argument("--recruiters", type=int, help="default: a tenth of the clients")
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


def run_clients(args, fair: Fair, servers: list[AppServer], balancer: Balancer) -> float:
    """Start everyone, kill and restart one app server on schedule, stop after duration."""
    people = args.clients - args.doors - args.recruiters
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
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    victim, killed = servers[-1], False
    while (elapsed := time.perf_counter() - started) < args.duration:
        if args.kill_at and elapsed >= args.kill_at and not killed:
            victim.kill()
            killed = True
            fair.stats.events.append((elapsed, f"app server :{victim.port} SIGKILLed"))
        if args.restart_at and elapsed >= args.restart_at and victim.process.poll() is not None:
            victim.start()
            balancer.put_back(victim.base)
            fair.stats.events.append(
                (time.perf_counter() - started, f"app server :{victim.port} back")
            )
        time.sleep(0.2)
    fair.stop.set()
    for thread in threads:
        thread.join(timeout=180)
    return time.perf_counter() - started


def report(args, fair: Fair, url: str, duration: float, info: dict, folder: str) -> int:
    print(f"\nmachine: {machine()}")
    counts = ", ".join(f"{v:,} {k}" for k, v in info["counts"].items())
    print(f"fair: {info['built']}: {counts}")
    people = args.clients - args.doors - args.recruiters
    print(
        f"{args.scale} scale: PostgreSQL (durable) + Redis, 2 app servers × gunicorn "
        f"{args.workers} workers × 4 threads; {args.clients} clients ({people // 2} newcomers, "
        f"{people - people // 2} returning candidates, {args.recruiters} recruiters, {args.doors} "
        f"doors syncing {args.bursts} × {args.burst}); think {args.think} s; {duration:.0f} s"
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
    counts = load_checks.count(url, fair, info["event"])
    for label, value in counts.items():
        print(f"{label:50} {value:>7,}")
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
            duration = run_clients(args, fair, servers, balancer)
            return report(args, fair, url, duration, info, folder)
        finally:
            for server in servers:
                server.stop()
            redis.stop()
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
