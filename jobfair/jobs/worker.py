"""`flask jobs-worker`: a Huey consumer running queued jobs, on this machine or its own."""

import logging

import click
from flask import Flask, current_app

from . import queue, runner


def register(app: Flask) -> None:
    @app.cli.command("jobs-worker")
    @click.option("--workers", type=int, help="Jobs run at once (threads); JOBS_WORKERS if unset.")
    def jobs_worker(workers):
        """Run queued jobs until stopped (Ctrl-C or SIGTERM finishes the jobs running first)."""
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        # fpdf2's font subsetting logs every table of every badge sheet at INFO.
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        huey = queue.current().huey
        if huey.immediate:
            raise click.ClickException("JOBS_QUEUE is 'immediate': jobs run where they start.")
        # Jobs whose worker died while this one was down need no minute's wait.
        moved = runner.reap()
        if moved:
            click.echo(f"{moved} jobs whose worker stopped are queued again.")
        consumer = huey.create_consumer(
            workers=workers or current_app.config["JOBS_WORKERS"],
            worker_type="thread",
            periodic=True,
            graceful_signal="TERM",
            max_delay=2.0,
        )
        consumer.run()
