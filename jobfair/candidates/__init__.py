"""Candidates: the profile, consent and CV, registering for fairs, roles that fit, interest
and interviews, and their rights over their data.

`views/` holds the pages; `profile`, `registration` and `data_rights` are the workflows,
plain functions that take models and let the caller commit.
"""
