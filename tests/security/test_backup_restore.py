"""R11: backup_data then restore_data into an emptied database and media directory finds
every record (row count and row hash of every table), every file and every hash; a backup
whose files differ from its manifest is refused before anything is touched."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from documents.models import Job
from emulation.management.backup import empty_tables
from tests.authz.snapshot import snapshot
from tests.authz.world import DEMO_FIXTURES
from tests.conftest import fixture_rows_for_the_module
from tests.factories import JobFactory

# Rebuilt by flush/migrate, not records: compared by natural key through the rows that use them.
NOT_RECORDS = {"django_content_type", "auth_permission", "django_admin_log"}


def _media_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


# The demo authority, loaded once for the module; each test's restore and refusals happen in
# its own savepoint and are rolled back before the next.
demo_rows = fixture_rows_for_the_module(*DEMO_FIXTURES)


@pytest.fixture
def seeded(db, demo_rows, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for index in range(3):
        job = JobFactory()
        job.result.save(f"ket-qua-{index}.pdf", ContentFile(b"%PDF-1.7 " + bytes([index]) * 500))
    return tmp_path


def test_restore_into_an_empty_database_finds_every_record_and_file(seeded, settings):
    before = snapshot(skip=NOT_RECORDS)
    media_before = _media_hashes(Path(settings.MEDIA_ROOT))
    backup_dir = seeded / "sao-luu"
    call_command("backup_data", str(backup_dir), verbosity=0)

    # A fresh database and an empty media directory.
    empty_tables()
    assert Job.objects.count() == 0
    settings.MEDIA_ROOT = str(seeded / "media-moi")
    call_command("restore_data", str(backup_dir), "--yes", verbosity=0)

    after = snapshot(skip=NOT_RECORDS)
    media_after = _media_hashes(Path(settings.MEDIA_ROOT))
    rows = sum(count for count, _digest in before.values())
    differ = sorted(t for t in before if before[t] != after.get(t))
    print(
        f"\nbackup_tables_compared: {len(before)}\nbackup_rows: {rows}\n"
        f"backup_files: {len(media_before)}\nbackup_mismatches: {len(differ)}"
    )
    assert rows > 1000 and len(media_before) == 3
    assert not differ, f"tables differ after restore: {differ}"
    assert media_after == media_before
    for job in Job.objects.exclude(result=""):
        assert job.result.read()  # every job's file is found where its row points


def test_a_backup_that_differs_from_its_manifest_is_refused(seeded):
    backup_dir = seeded / "sao-luu"
    call_command("backup_data", str(backup_dir), verbosity=0)
    victim = next((backup_dir / "media").rglob("*.pdf"))
    victim.write_bytes(victim.read_bytes()[:-1] + b"X")
    before = snapshot()
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore_data", str(backup_dir), "--yes", verbosity=0)
    assert snapshot() == before, "a refused restore changed the database"


def test_restore_asks_for_confirmation_and_backup_wants_an_empty_directory(seeded):
    backup_dir = seeded / "sao-luu"
    call_command("backup_data", str(backup_dir), verbosity=0)
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_data", str(backup_dir), verbosity=0)
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_data", str(backup_dir), verbosity=0)
    assert connection.vendor in {"sqlite", "postgresql"}
