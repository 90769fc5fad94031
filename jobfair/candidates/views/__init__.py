"""The candidate pages; importing this package registers their routes."""

from . import cv, events, profile  # noqa: F401
