"""The candidate pages; importing this package registers their routes."""

from . import cv, events, floor, jobs, profile  # noqa: F401
