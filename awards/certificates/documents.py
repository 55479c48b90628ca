"""The certificate files of a signed decision, drawn by the workers in parallel slices.

A certificate job splits the decision's certificates into chunks of CHUNK_SIZE
(documents.chunks): the job's own process (in `build_certificates`) publishes helper tasks,
then claims chunks itself; any other worker process that runs a helper claims chunks too. Each
chunk is drawn once; one whose process died is taken over, and drawing it again gives the same
bytes. When every chunk is done, the job's process merges the chunk files into the one
printable PDF of the decision.

In full mode each chunk also writes one PDF/A file per recipient and stores its SHA-256 on
the certificate; in pre-printed-blank mode only the merged print file is made.
"""

from __future__ import annotations

import hashlib
import io
import logging
import shutil
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.certificates.pdfa import mark_pdfa
from awards.certificates.services import (
    CERTIFICATE_KIND,
    CORRECTABLE,
    Mode,
    normalise,
    template_for,
)
from awards.certificates.texts import (
    printed_text,
    refusal,
)
from awards.decisions.selectors import decisions_for
from awards.enums import DecisionStatus
from awards.models import Certificate, Decision
from documents import chunks
from documents.models import Job, JobChunk
from documents.pdf_saving import save, save_to
from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, document_date
from emulation.documents import signer_name

if TYPE_CHECKING:
    from awards.certificates import layout

# ReportLab (awards.certificates.layout) and pikepdf are imported by the functions that draw
# and merge: this module is imported by every process at start-up (the document kind
# registers itself), and the worker's parent process, which only hands out tasks, and every
# web process would otherwise hold both libraries.

logger = logging.getLogger(__name__)

CHUNK_SIZE = 100
CHUNK_PROGRESS_SHARE = 90


@dataclass(frozen=True)
class JobContext:
    decision: Decision
    design: layout.Design
    mode: str
    offsets: layout.Offsets


def _decision_of(job: Job) -> Decision:
    try:
        pk = int(job.params.get("decision", ""))
    except (TypeError, ValueError):
        raise DocumentError(_("Tham số tài liệu không hợp lệ.")) from None
    decision = decisions_for(job.requested_by).filter(pk=pk).select_related("authority").first()
    if decision is None:
        raise DocumentError(_("Không tìm thấy quyết định."))
    if decision.status != DecisionStatus.SIGNED:
        raise DocumentError(_("Chỉ in giấy khen cho quyết định đã ký và còn hiệu lực."))
    return decision


def job_context(job: Job) -> JobContext:
    """What every chunk of the job shares: the decision, its design and the print mode."""
    from awards.certificates import layout  # drawing library: see the note at the top

    decision = _decision_of(job)
    with translation.override("vi"):
        identity = decision.authority.identity_on(decision.signed_on)
        if identity is None:
            raise DocumentError(
                _("Cơ quan chưa có tên gọi hiệu lực vào %(day)s.")
                % {"day": decision.signed_on.strftime("%d/%m/%Y")}
            )
        design = layout.Design(
            issuer_title=normalise(f"{_('CHỦ TỊCH')} {identity.issuer_name}".upper()),
            place_date=normalise(f"{identity.place_name}, {document_date(decision.signed_on)}"),
            signer_titles=decision.signer_title_lines,
            signer_name=normalise(signer_name(decision.signed_by)) if decision.signed_by_id else "",
            decision=_("Quyết định số %(reference)s ngày %(day)s")
            % {"reference": decision.reference, "day": decision.signed_on.strftime("%d/%m/%Y")},
        )
    mode = job.params.get("mode", Mode.FULL)
    template = template_for(decision.authority_id)
    offsets = (
        layout.Offsets(float(template.offset_x_mm), float(template.offset_y_mm))
        if mode == Mode.PREPRINTED
        else layout.Offsets()
    )
    return JobContext(decision=decision, design=design, mode=mode, offsets=offsets)


def check_fits(context: JobContext, texts: Iterable[layout.CertificateText]) -> None:
    """Before anything is drawn: every field of every certificate fits its frame, so a print
    stops whole, with the line named, rather than half done or cut (DocumentError)."""
    from awards.certificates import layout  # drawing library: see the note at the top

    try:
        context.design.fitted()
    except layout.FieldDoesNotFit as error:
        raise refusal(error, None) from None
    for text in texts:
        try:
            text.fitted()
        except layout.FieldDoesNotFit as error:
            raise refusal(error, text) from None


def certificates_of(ids: list[int]):
    return (
        Certificate.objects.filter(pk__in=ids)
        .select_related(
            "decision_line__nomination_line__award",
            "decision_line__nomination_line__person",
            "decision_line__nomination_line__subject_unit",
            "decision_line__nomination_line__nomination__unit",
        )
        .order_by("gold_book_number")
    )


def draw_pages(context: JobContext, texts: list[layout.CertificateText]) -> bytes:
    """One PDF with a page per certificate, the design defined once and reused."""
    from awards.certificates import layout  # drawing library: see the note at the top

    buffer = io.BytesIO()
    canvas = layout.new_canvas(buffer, title=context.design.decision)
    preprinted = context.mode == Mode.PREPRINTED
    if not preprinted:
        layout.draw_design(canvas, context.design)
    for text in texts:
        layout.draw_certificate(
            canvas, context.design, text, preprinted=preprinted, offsets=context.offsets
        )
    canvas.save()
    return buffer.getvalue()


def chunk_name(job_id: int, index: int) -> str:
    return f"certificates/jobs/{job_id}/chunk-{index:04d}.pdf"


def issued_page_file(certificate: Certificate) -> Path:
    """The issued file of a certificate; DocumentError when it has gone from the disk (it is
    restored from the backup, never drawn again with a new hash)."""
    path = Path(settings.MEDIA_ROOT) / certificate.file.name
    if not certificate.file or not path.is_file():
        with translation.override("vi"):
            raise DocumentError(
                _(
                    "Không tìm thấy tệp đã cấp của giấy khen mã %(code)s trên máy chủ. Hãy "
                    "khôi phục tệp từ bản sao lưu; tệp đã cấp không được tạo lại."
                )
                % {"code": certificate.code}
            )
    return path


def render_chunk(context: JobContext, chunk: JobChunk) -> None:
    """Draw one chunk. In full mode a certificate already issued is never drawn again: its
    issued file's page goes into the print as it is. Each one not yet issued is drawn, and
    its PDF/A file, SHA-256 and printed texts are recorded."""
    import pikepdf  # see the note at the top

    certificates = list(certificates_of(chunk.payload["certificates"]))
    full = context.mode == Mode.FULL
    fresh = [c for c in certificates if not (full and c.is_issued)]
    texts = {c.pk: printed_text(c) for c in fresh}
    drawn = draw_pages(context, list(texts.values())) if fresh else b""
    if not full:
        chunks.write_media(chunk_name(chunk.job_id, chunk.index), drawn)
        return
    day = context.decision.signed_on
    now = timezone.now()
    with ExitStack() as stack:
        drawn_pages = iter(
            stack.enter_context(pikepdf.open(io.BytesIO(drawn))).pages if fresh else ()
        )
        print_pages = []
        for certificate in certificates:
            if certificate.is_issued:
                issued = stack.enter_context(pikepdf.open(issued_page_file(certificate)))
                print_pages.append(issued.pages[0])
                continue
            text = texts[certificate.pk]
            page = next(drawn_pages)
            with pikepdf.new() as single:
                single.pages.append(page)
                mark_pdfa(single, title=f"{text.form_name} – {text.holder}", day=day)
                content = save(single)
            path = f"certificates/{context.decision.pk}/{certificate.code}.pdf"
            certificate.file = chunks.write_media(path, content)
            certificate.sha256 = hashlib.sha256(content).hexdigest()
            certificate.issued_at = now
            certificate.printed = {field: getattr(text, field) for field in CORRECTABLE}
            print_pages.append(page)
        if len(fresh) == len(certificates):
            printed = drawn  # nothing reused: the drawing is the print as it is
        else:
            with pikepdf.new() as out:
                out.pages.extend(print_pages)
                printed = save(out)
        chunks.write_media(chunk_name(chunk.job_id, chunk.index), printed)
    Certificate.objects.bulk_update(fresh, ["file", "sha256", "issued_at", "printed"])


def printed_certificates(job: Job, decision: Decision):
    """The certificates the job prints: those its parameters name (a correction's new
    version), otherwise every certificate of the decision in force (not replaced)."""
    certificates = Certificate.objects.filter(decision_line__decision=decision)
    named = job.params.get("certificates")
    if named is None:
        return certificates.filter(replaced_by__isnull=True)
    if not isinstance(named, list) or not all(isinstance(pk, int) for pk in named):
        raise DocumentError(_("Tham số tài liệu không hợp lệ."))
    return certificates.filter(pk__in=named)


def _certificate_ids(job: Job, decision: Decision) -> list[int]:
    return list(
        printed_certificates(job, decision)
        .order_by("gold_book_number", "version")
        .values_list("pk", flat=True)
    )


def _plan_chunks(job: Job, decision: Decision) -> int:
    """Create the job's chunks once. A rerun keeps those already drawn whose file is still
    there; what a dead process left running, or whose file is gone, is drawn again."""
    media = Path(settings.MEDIA_ROOT)

    def payloads():
        ids = _certificate_ids(job, decision)
        if not ids:
            raise DocumentError(_("Quyết định chưa có giấy khen nào được cấp."))
        return (
            {"certificates": ids[start : start + CHUNK_SIZE]}
            for start in range(0, len(ids), CHUNK_SIZE)
        )

    return chunks.plan(
        job,
        payloads,
        keep=lambda chunk: (
            chunk.state == JobChunk.State.DONE
            and (media / chunk_name(job.pk, chunk.index)).is_file()
        ),
    )


def print_file(job_id: int) -> Path:
    """Where the job's merged print is written, beside its chunks' folder, before the worker
    moves it into place as the job's result."""
    return Path(settings.MEDIA_ROOT) / f"certificates/jobs/{job_id}-print.pdf"


def merge_chunks(context: JobContext, job_id: int, count: int) -> int:
    """Write the chunk files, in order, as the one printable PDF/A file of the decision
    (`print_file`), straight to the disk: a thousand pages are never held as bytes. Returns
    its page count."""
    import pikepdf  # see the note at the top

    with pikepdf.new() as merged:
        for index in range(count):
            # Adding a page copies what it draws with (its content, fonts and design) into
            # `merged`: each chunk file is closed once its pages are in, and the merge never
            # holds more than one of them open (about 6 MB less for a thousand pages).
            with pikepdf.open(Path(settings.MEDIA_ROOT) / chunk_name(job_id, index)) as source:
                merged.pages.extend(source.pages)
        with translation.override("vi"):
            title = _("Giấy khen theo %(decision)s") % {"decision": context.design.decision}
        mark_pdfa(merged, title=title, day=context.decision.signed_on)
        target = print_file(job_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        save_to(merged, target)
        return len(merged.pages)


chunks.register_chunks(CERTIFICATE_KIND, context=job_context, run=render_chunk)


@register(CERTIFICATE_KIND, label=gettext_lazy("Giấy khen của quyết định"))
def build_certificates(job, progress: ProgressCallback) -> BuiltDocument:
    """Every certificate of a signed decision, drawn in parallel chunks and merged."""
    context = job_context(job)
    # What will be drawn must fit; an issued certificate is never drawn again. Read a chunk at
    # a time and kept by no list: the job's process would otherwise hold every certificate of
    # the decision, with its line, award, person and units, through the whole print.
    certificates = certificates_of(_certificate_ids(job, context.decision))
    drawn = (
        printed_text(certificate)
        for certificate in certificates.iterator(chunk_size=CHUNK_SIZE)
        if not (context.mode == Mode.FULL and certificate.is_issued)
    )
    check_fits(context, drawn)
    count = _plan_chunks(job, context.decision)
    chunks.run_chunks(job, context, progress, share=CHUNK_PROGRESS_SHARE)
    pages = merge_chunks(context, job.pk, count)
    # The chunk files were only steps; the merged file is stored by the job itself.
    shutil.rmtree((Path(settings.MEDIA_ROOT) / chunk_name(job.pk, 0)).parent, ignore_errors=True)
    reference = context.decision.reference.replace("/", "-")
    prefix = "giay-khen-phoi" if context.mode == Mode.PREPRINTED else "giay-khen"
    if job.params.get("certificates"):  # a correction's new version: named by its code
        codes = printed_certificates(job, context.decision).values_list("code", flat=True)
        reference = "-".join(["dinh-chinh", *sorted(codes)])
    return BuiltDocument(
        html="", filename=f"{prefix}-{reference}.pdf", pdf_file=print_file(job.pk), page_count=pages
    )
