"""Employers: the company and its team, roles, ranked shortlists, the pipeline, interview
slots and the recruiter's spreadsheets.

`views/` holds the pages (by noun); the other modules are the workflows, plain functions
that take models and let the caller commit. Every lookup a recruiter can reach by URL goes
through `lookups.get_*_or_404(..., for_user=...)`, which answers 404 for another company's data.
"""
