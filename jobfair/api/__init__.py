"""The JSON API under /api/v1/ for partners' systems, described by an OpenAPI 3.1 document."""
