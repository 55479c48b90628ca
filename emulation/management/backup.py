"""Backup and restore of the records and the media files (RELIABILITY.md R-h, R11).

A backup directory holds:
    db.xml          every row (dumpdata, natural foreign keys; content types and permissions
                    are rebuilt by the restore's migrate/flush and found again by natural key).
                    XML, not JSON: Django's JSON encoder cuts times to milliseconds, XML keeps
                    the microseconds, so a restored row is the same row
    media/          a copy of MEDIA_ROOT (job results, evidence files)
    manifest.json   SHA-256 and size of every file above, and the row count of every model

The same file works on SQLite and PostgreSQL; on PostgreSQL the nightly `pg_dump -Fc` of the
operations guide stays the first line, this pair is the portable, verifiable copy.
"""

import hashlib
import json
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DATABASE_FILE = "db.xml"
MEDIA_DIR = "media"
# Rebuilt by migrate/flush (post_migrate), or not records at all.
EXCLUDED = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
)


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _excluded(model) -> bool:
    label = model._meta.label_lower
    return any(label == item or model._meta.app_label == item for item in EXCLUDED)


def model_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not _excluded(model)
    }


def _files(root: Path) -> dict[str, dict]:
    return {
        path.relative_to(root).as_posix(): {"sha256": sha256_of(path), "size": path.stat().st_size}
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def backup(target: Path) -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():  # one consistent read of every table
        counts = model_counts()
        with (target / DATABASE_FILE).open("w", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                format="xml",
                natural_foreign=True,
                exclude=list(EXCLUDED),
                indent=None,
                stdout=out,
                verbosity=0,
            )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.copytree(media_root, target / MEDIA_DIR)
    else:
        (target / MEDIA_DIR).mkdir()
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database_vendor": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "counts": counts,
        "files": _files(target),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
    return manifest


def verify(source: Path) -> dict:
    """The manifest, after checking every file of the backup against it."""
    source = Path(source)
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{manifest_path} is missing")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    found = _files(source)
    if found != manifest["files"]:
        wrong = sorted(
            set(found) ^ set(manifest["files"])
            | {name for name in found if manifest["files"].get(name) != found[name]}
        )
        raise BackupError(f"files differ from the manifest: {wrong[:20]}")
    return manifest


def empty_tables() -> None:
    """flush, also inside a transaction that has written rows: PostgreSQL refuses to TRUNCATE
    a table with pending (deferred) foreign-key checks, so they are run first, then deferred
    again for loaddata's forward references."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def restore(source: Path) -> dict:
    """Load a verified backup into this (migrated) database, replacing its rows, and put the
    media files back; then check every model's row count and every media file's hash."""
    source = Path(source)
    manifest = verify(source)
    with transaction.atomic():
        empty_tables()
        call_command("loaddata", str(source / DATABASE_FILE), verbosity=0)
        counts = model_counts()
        if counts != manifest["counts"]:
            differ = {k: (manifest["counts"].get(k), counts.get(k)) for k in counts}
            differ = {k: v for k, v in differ.items() if v[0] != v[1]}
            raise BackupError(f"row counts differ after loading: {differ}")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / MEDIA_DIR, media_root, dirs_exist_ok=True)
    prefix = MEDIA_DIR + "/"
    for name, entry in manifest["files"].items():
        if name.startswith(prefix):
            restored = media_root / name[len(prefix) :]
            if not restored.is_file() or sha256_of(restored) != entry["sha256"]:
                raise BackupError(f"media file {name} did not restore intact")
    return manifest
