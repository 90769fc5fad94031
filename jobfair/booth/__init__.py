"""At the booth: a company's recruiters and booth staff meet candidates on the fair day.

The `booth` blueprint is open to the company's recruiters and to its booth staff (invited by
an organizer: scanning tickets and notes only).
"""
