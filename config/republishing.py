"""Publishing again what the broker lost: documents' jobs and the outbox's e-mails keep their
state in the database and a `published_at` time, so a sweeper can send their messages again."""

import datetime
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Q, QuerySet


def republish_stale(
    queued: QuerySet, *, cutoff: datetime.datetime, publish: Callable[[int], bool], batch: int
) -> int:
    """Publish each row of `queued` never published, or published before `cutoff` (its
    message was lost), at most `batch` of them, oldest first; `publish(pk)` returns False when
    the broker cannot be reached, which stops the sweep (the next one tries again).

    Returns how many were sent. On PostgreSQL the rows are locked with SKIP LOCKED while they
    are published, so two sweepers never send the same row."""
    sent = 0
    with transaction.atomic():
        stale = queued.filter(Q(published_at__isnull=True) | Q(published_at__lt=cutoff)).order_by(
            "pk"
        )
        if connection.features.has_select_for_update_skip_locked:
            stale = stale.select_for_update(skip_locked=True)
        for pk in stale.values_list("pk", flat=True)[:batch]:
            if not publish(pk):
                break
            sent += 1
    return sent
