"""The append-only history of a pledge, chained by SHA-256.

Each row's hash is SHA-256(previous hash || canonical JSON of the row), the first row of a
pledge starting from GENESIS_HASH. Changing, removing or reordering any row breaks the chain
from that row on, and `first_broken_event` names it.
"""

import datetime
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from emulation.models.pledges import Pledge, PledgeEvent

GENESIS_HASH = "0" * 64


def canonical_json(event: PledgeEvent) -> str:
    """The row as hashed: sorted keys, no spaces, UTF-8 text, the time in UTC ISO form."""
    row = {
        "pledge": event.pledge_id,
        "sequence": event.sequence,
        "version": event.version_id,
        "kind": event.kind,
        "actor": event.actor_id,
        "unit": event.unit_id,
        "data": event.data,
        "created_at": event.created_at.astimezone(datetime.UTC).isoformat(),
        "previous_hash": event.previous_hash,
    }
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(previous_hash: str, event: PledgeEvent) -> str:
    return hashlib.sha256((previous_hash + canonical_json(event)).encode()).hexdigest()


def _now_to_the_millisecond() -> datetime.datetime:
    """Milliseconds only: Django's JSON fixtures keep no more, and a row must hash the same
    after a dump and load."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def append_event(
    *, pledge_id: int, kind: str, version_id=None, actor=None, unit_id=None, data=None
) -> PledgeEvent:
    """Add one row at the end of the pledge's chain.

    Locks the pledge row for the rest of the caller's transaction so that two writers never
    take the same sequence number; callers that also lock a version lock it first.
    """
    with transaction.atomic():
        Pledge.objects.select_for_update().filter(pk=pledge_id).values_list("pk").get()
        last = (
            PledgeEvent.objects.filter(pledge_id=pledge_id)
            .order_by("-sequence")
            .values_list("sequence", "row_hash")
            .first()
        )
        sequence, previous = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        event = PledgeEvent(
            pledge_id=pledge_id,
            sequence=sequence,
            version_id=version_id,
            kind=kind,
            actor=actor,
            unit_id=unit_id,
            data=data or {},
            created_at=_now_to_the_millisecond(),
            previous_hash=previous,
        )
        event.row_hash = chain_hash(previous, event)
        event.save(force_insert=True)
    return event


def first_broken_event(pledge_id: int) -> PledgeEvent | None:
    """The first row of the pledge's history whose position, link or hash does not match
    what the rows before it give; None when the whole chain holds."""
    previous, expected_sequence = GENESIS_HASH, 1
    for event in PledgeEvent.objects.filter(pledge_id=pledge_id).order_by("sequence", "pk"):
        if (
            event.sequence != expected_sequence
            or event.previous_hash != previous
            or event.row_hash != chain_hash(previous, event)
        ):
            return event
        previous, expected_sequence = event.row_hash, expected_sequence + 1
    return None
