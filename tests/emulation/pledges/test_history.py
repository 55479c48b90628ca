"""The append-only, hash-chained history: chain checks, tamper detection, the PostgreSQL
trigger."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from emulation.models.pledges import PledgeEvent
from emulation.pledges.enums import EventKind
from emulation.pledges.history import GENESIS_HASH, append_event, chain_hash, first_broken_event
from tests.emulation.pledges.conftest import client_for, sign_post

pytestmark = pytest.mark.django_db


def _allow_tampering() -> None:
    """Stand in for a database superuser who bypasses triggers (PostgreSQL replica mode) for
    the rest of the test's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


def test_chain_links_each_row_to_the_previous(open_version, heads):
    sign_post(client_for(heads[0]), open_version)
    events = list(PledgeEvent.objects.filter(pledge=open_version.pledge).order_by("sequence"))
    assert [e.kind for e in events] == [EventKind.CREATED, EventKind.OPENED, EventKind.SIGNED]
    assert [e.sequence for e in events] == [1, 2, 3]
    assert events[0].previous_hash == GENESIS_HASH
    assert events[1].previous_hash == events[0].row_hash
    assert events[2].row_hash == chain_hash(events[1].row_hash, events[2])
    assert first_broken_event(open_version.pledge_id) is None


def test_edited_row_is_named_by_the_verifier(open_version, heads):
    sign_post(client_for(heads[0]), open_version)
    sign_post(client_for(heads[1]), open_version)
    signed = PledgeEvent.objects.filter(kind=EventKind.SIGNED).order_by("sequence")
    target = signed[0]
    _allow_tampering()
    PledgeEvent.objects.filter(pk=target.pk).update(
        data={**target.data, "ip_address": "203.0.113.9"}
    )
    broken = first_broken_event(open_version.pledge_id)
    assert broken is not None
    assert broken.pk == target.pk
    assert broken.sequence == 3


def test_removed_row_is_detected(open_version, heads):
    sign_post(client_for(heads[0]), open_version)
    sign_post(client_for(heads[1]), open_version)
    opened = PledgeEvent.objects.get(kind=EventKind.OPENED)
    _allow_tampering()
    PledgeEvent.objects.filter(pk=opened.pk).delete()
    broken = first_broken_event(open_version.pledge_id)
    assert broken.sequence == 3


def test_trigger_rejects_update_and_delete(require_postgres, open_version):
    event = PledgeEvent.objects.filter(pledge=open_version.pledge).first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        PledgeEvent.objects.filter(pk=event.pk).update(kind=EventKind.SIGNED)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        PledgeEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.kind == EventKind.CREATED


def test_append_continues_the_chain(pledge, staff):
    event = append_event(pledge_id=pledge.pk, kind=EventKind.REMINDED, data={"recipients": 0})
    assert event.sequence == 2
    assert first_broken_event(pledge.pk) is None


def test_verify_command_names_the_broken_pledge(open_version, heads):
    out = io.StringIO()
    call_command("verify_pledge_history", stdout=out)
    assert out.getvalue() == "Lịch sử của 1 giao ước nguyên vẹn.\n"
    sign_post(client_for(heads[0]), open_version)
    signed = PledgeEvent.objects.get(kind=EventKind.SIGNED)
    _allow_tampering()
    PledgeEvent.objects.filter(pk=signed.pk).update(unit_id=heads[1].unit_id)
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^1 giao ước có lịch sử bị sửa\.$"):
        call_command("verify_pledge_history", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == (
        f"Giao ước Cụm thi đua số 1: chuỗi sai từ dòng số 3 (mã {signed.pk}).\n"
    )
