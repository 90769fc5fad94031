"""The candidate pages; importing this package registers their routes."""

from . import cv, events, floor, jobs, offers, profile, rirekisho, scans  # noqa: F401
