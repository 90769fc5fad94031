"""What each kind of job does: handlers registered by name where their code lives.

A handler is a plain function taking a `JobRun`; `@handler("badges", label=...)` beside the
code it runs (organizers/badges.py …) makes it known to every process that imports that
module. The app factory imports every area, so the web app and `flask jobs-worker` know the
same kinds; this package never imports the areas (they stand on it).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Handler:
    kind: str
    func: Callable
    label: object  # a lazy translated string: "Badge sheets"
    max_attempts: int


HANDLERS: dict[str, Handler] = {}


def handler(kind: str, *, label, max_attempts: int = 3):
    """Register the decorated function as the handler of jobs of `kind`."""
    if len(kind) > 40:
        raise ValueError(f"job kind {kind!r} is longer than 40 characters")

    def register(func: Callable) -> Callable:
        known = HANDLERS.get(kind)
        if known is not None and known.func.__qualname__ != func.__qualname__:
            raise ValueError(f"two handlers for jobs of kind {kind!r}")
        HANDLERS[kind] = Handler(kind, func, label, max_attempts)
        return func

    return register


def get(kind: str) -> Handler | None:
    return HANDLERS.get(kind)


def label(kind: str):
    known = HANDLERS.get(kind)
    return known.label if known is not None else kind
