"""The door of an event on the fair day: check-in, walk-ins and the offline door app.

Open to organizers (any event) and to door volunteers (their own event only); who may work
which door is decided by `access.may_work_door`. Importing `views` and `checkin` registers
the pages.
"""
