"""Writes of the imports: keeping a checked file for its confirmation, and the write itself.

The write checks the file again (the data may have changed since the dry run), then, in one
transaction, marks the upload written (compare-and-set: a file is written once), lets the kind
write its rows in bulk and records one `DataImportChange` per row created or changed, with the
uploader and the time on the `DataImport`. Any refusal leaves nothing written.
"""

import hashlib
import json
import logging

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.permissions import require
from emulation.imports.engine import ImportKind, Plan, check_file
from emulation.models import DataImport, DataImportChange, User
from emulation.spreadsheet_reading import file_issue

logger = logging.getLogger(__name__)
CHANGE_BATCH = 2_000


def start_import(
    *, kind: ImportKind, user: User, filename: str, content: bytes
) -> tuple[DataImport, Plan]:
    """The dry run of an uploaded file for `user`'s authority, kept for the confirmation.

    Preconditions: `user` may import data. Side effects: the user's earlier unconfirmed files
    of this kind are dropped and this one kept. Raises `ImportRejected` (nothing kept)."""
    require(user, "emulation.import_data")
    authority = user.unit.authority
    plan = check_file(kind, authority=authority, filename=filename, content=content)
    DataImport.objects.filter(uploaded_by=user, kind=kind.slug, committed_at__isnull=True).delete()
    upload = DataImport.objects.create(
        authority=authority,
        kind=kind.slug,
        uploaded_by=user,
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        row_count=plan.rows,
    )
    return upload, plan


def confirm_import(*, kind: ImportKind, user: User, upload: DataImport, sha256: str) -> Plan:
    """Write a file `user` previewed, all or nothing, and record every change.

    Preconditions: `user` may import data and uploaded `upload` (the view fetched it so); the
    digest posted back is the stored file's. Raises `ImportRejected` when the file is refused
    now, was written already, or does not match; nothing is written then."""
    require(user, "emulation.import_data")
    content = bytes(upload.content)
    if upload.is_written:
        raise file_issue(_("Tệp này đã được ghi rồi."))
    if (
        upload.uploaded_by_id != user.pk
        or upload.kind != kind.slug
        or sha256 != upload.sha256
        or hashlib.sha256(content).hexdigest() != upload.sha256
    ):
        raise file_issue(_("Tệp xác nhận không khớp tệp đã xem trước; hãy tải tệp lên lại."))
    authority = user.unit.authority
    plan = check_file(kind, authority=authority, filename=upload.filename, content=content)
    try:
        _write(kind, upload, plan, authority)
    except IntegrityError as exc:
        # Another import (or a form) wrote one of these keys after this file was checked: the
        # transaction is rolled back whole and the user checks the file again.
        logger.warning("import %s of %s lost a race: %s", upload.pk, kind.slug, exc)
        raise file_issue(
            _(
                "Dữ liệu vừa được thay đổi trong lúc ghi (có thể do một lần nhập khác); chưa ghi "
                "dòng nào. Hãy tải tệp lên lại để xem trước."
            )
        ) from exc
    logger.info(
        "import %s of %s written by %s: %s created, %s changed, %s unchanged",
        upload.pk,
        kind.slug,
        user.pk,
        len(plan.creates),
        len(plan.changes),
        plan.unchanged,
    )
    return plan


def _write(kind: ImportKind, upload: DataImport, plan: Plan, authority) -> None:
    """Claim the upload (compare-and-set: a file is written once), write its rows and the
    history of each, in one transaction."""
    with transaction.atomic():
        claimed = DataImport.objects.filter(pk=upload.pk, committed_at__isnull=True).update(
            committed_at=timezone.now(),
            content=b"",
            row_count=plan.rows,
            created=len(plan.creates),
            changed=len(plan.changes),
            unchanged=plan.unchanged,
        )
        if not claimed:
            raise file_issue(_("Tệp này đã được ghi rồi."))
        kind.write(authority=authority, plan=plan)
        _record_changes(
            DataImportChange(
                data_import_id=upload.pk,
                row=row.number,
                key=kind.key_text(row.key)[:200],
                created=row.is_new,
                before=dict(plan.shown(row, "before")) if not row.is_new else {},
                after=dict(plan.shown(row, "after")),
            )
            for row in (*plan.creates, *plan.changes)
        )


def _record_changes(changes) -> None:
    """One history row per row written. On PostgreSQL through COPY: a bulk INSERT sends each
    column as an array whose every JSON text psycopg escapes in Python, which took most of a
    10,000-person import; COPY writes the rows as they are. Elsewhere `bulk_create`."""
    if connection.vendor != "postgresql":
        DataImportChange.objects.bulk_create(changes, batch_size=CHANGE_BATCH)
        return
    table = connection.ops.quote_name(DataImportChange._meta.db_table)
    columns = ["data_import_id", "row", "key", "created", "before", "after"]
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for change in changes:
            copy.write_row(
                (
                    change.data_import_id,
                    change.row,
                    change.key,
                    change.created,
                    json.dumps(change.before, ensure_ascii=False),
                    json.dumps(change.after, ensure_ascii=False),
                )
            )
