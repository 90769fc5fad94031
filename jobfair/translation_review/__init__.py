"""Native speakers' review of the Khmer and Japanese text: export, corrections, the ledger.

`flask review-export` writes every UI string (from the message catalogs) and every
hand-written vocabulary row to a workbook; `flask review-import` applies a reviewer's
corrections and records what was reviewed in a committed ledger; `flask review-status`
counts. A reviewed item whose text or English source changes later counts as unreviewed.
"""
