"""The candidate pages; importing this package registers their routes."""

from . import cv, events, jobs, offers, profile, scans  # noqa: F401
