"""The targets feature's background document: writing a large imported file of actual values,
with progress, and a PDF report of what was written (kết quả nhập số liệu chỉ tiêu).

Registered with the document core on import; `emulation.documents` imports this module so that
web processes and workers both know the kind.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config import clock
from documents import chunks
from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, render_document_html
from emulation.models import TargetImport
from emulation.spreadsheet_reading import ImportRejected
from emulation.targets.enums import IMPORT_DOCUMENT_KIND

MAX_ISSUES_IN_REASON = 10


# The chunks of the check (emulation.targets.imports), reached from here, not imported at the
# top, for the reason `build_import_report` gives.
def _chunk_context(job):
    from emulation.targets.imports import chunk_context

    return chunk_context(job)


def _check_chunk(context, chunk):
    from emulation.targets.imports import check_chunk

    return check_chunk(context, chunk)


chunks.register_chunks(IMPORT_DOCUMENT_KIND, context=_chunk_context, run=_check_chunk)


@register(
    IMPORT_DOCUMENT_KIND, label=gettext_lazy("Kết quả nhập số liệu chỉ tiêu"), queue="imports"
)
def build_import_report(job, progress: ProgressCallback) -> BuiltDocument:
    """Write the queued upload `params["import_id"]`, its rows checked in chunks any worker
    process of the imports queue claims, and report its counts. A refused file fails the job
    with the first messages (sheet, row, column) as its reason."""
    upload_id = job.params.get("import_id")
    upload = TargetImport.objects.filter(pk=upload_id, uploaded_by=job.requested_by).first()
    if upload is None:
        raise DocumentError(_("Không tìm thấy tệp số liệu cần ghi."))
    # Here, not at the top: this module registers the kind in every process at start-up, and
    # the import (django-import-export, tablib) is needed only by the process that writes.
    from emulation.targets.imports import run_queued_import

    try:
        counts = run_queued_import(upload_id=upload.pk, progress=progress, job=job)
    except ImportRejected as exc:
        lines = [str(issue) for issue in exc.issues[:MAX_ISSUES_IN_REASON]]
        raise DocumentError(
            _("Tệp bị từ chối, chưa ghi dòng nào: %(issues)s") % {"issues": "; ".join(lines)}
        ) from exc
    upload.refresh_from_db()
    user = job.requested_by
    day = clock.today()
    html = render_document_html(
        "emulation/targets/pdf/import_report.html",
        authority=user.unit.authority,
        day=day,
        context={"upload": upload, "counts": counts, "user": user},
    )
    return BuiltDocument(html=html, filename=f"ket-qua-nhap-so-lieu-{upload.pk}.pdf")
