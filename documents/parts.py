"""A document in parts: its body and each appendix ("phụ lục", a list "kèm theo"), laid out
as separate HTML documents by any worker process, then put together into one file.

Nghị định 30/2020/NĐ-CP (Phụ lục I) numbers an appendix's pages on their own, from 1 for
each appendix. A part laid out alone has exactly that numbering (document.css: the number in
the top margin, not shown on the part's first page), and the parts have no layout in common,
so they are slices of the job (documents.chunks): the job's process publishes a helper and
lays out the body while another process lays out the appendix.

The job's process builds every part's HTML from one read of the data, before any is laid
out: the slices carry that HTML, so the appendix always lists what the body counts. The
first part (the body) is the base of the file: its catalogue (PDF/A metadata and output
intent, the signature anchor's named destination, the language) stays as WeasyPrint wrote
it; the pages of the other parts are appended, with their bookmarks.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from documents import chunks
from documents.models import Job, JobChunk
from documents.pdf_saving import save
from documents.registry import ProgressCallback
from documents.rendering import RenderedPdf, render_pdf


def parts_folder(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / f"documents/parts/{job_id}"


def part_file(job_id: int, digest: str, index: int) -> Path:
    """Where a slice writes its part. Named by the digest of the parts' HTML: a rerun that
    built other HTML never reads a file of the earlier one."""
    return parts_folder(job_id) / f"{digest[:16]}-{index:02d}.pdf"


def _digest(htmls: Sequence[str]) -> str:
    hashed = hashlib.sha256()
    for html in htmls:
        hashed.update(hashlib.sha256(html.encode()).digest())
    return hashed.hexdigest()


def render_part(_context, chunk: JobChunk) -> dict:
    """Lay out one part (a slice) and write it; returns its page count."""
    payload = chunk.payload
    rendered = render_pdf(payload["html"], archival=payload["archival"])
    chunks.write_media(part_file(chunk.job_id, payload["digest"], chunk.index), rendered.content)
    return {"pages": rendered.page_count}


def register_parts(kind: str) -> None:
    """Declare that jobs of `kind` may be laid out in parts (next to the kind's builder)."""
    chunks.register_chunks(kind, context=_no_context, run=render_part)


def _no_context(_job: Job) -> None:
    return None


def _plan(job: Job, htmls: Sequence[str], digest: str, archival: bool) -> int:
    """The job's slices, one per part. Slices planned by an earlier run for other HTML (the
    data changed before a retry) are replaced; a rerun for the same HTML keeps the parts
    already written."""
    planned = set(
        JobChunk.objects.filter(job=job).values_list("payload__digest", flat=True).distinct()
    )
    if planned and planned != {digest}:
        chunks.clear(job)
    return chunks.plan(
        job,
        lambda: (
            {"html": html, "archival": archival, "digest": digest, "part": index}
            for index, html in enumerate(htmls)
        ),
        keep=lambda chunk: (
            chunk.state == JobChunk.State.DONE and part_file(job.pk, digest, chunk.index).is_file()
        ),
    )


def _outline_entries(pdf) -> list[tuple[str, int]]:
    """The top-level bookmarks of a part: (title, index of its page in the part)."""
    import pikepdf

    entries = []
    with pdf.open_outline() as outline:
        for item in outline.root:
            destination = item.destination
            index = 0
            if isinstance(destination, pikepdf.Array) and len(destination):
                index = pdf.pages.index(pikepdf.Page(destination[0]))
            entries.append((item.title, index))
    return entries


def join_parts(job_id: int, digest: str, count: int) -> RenderedPdf:
    """The parts, in order, as one file: the first one's catalogue, every part's pages."""
    import pikepdf  # loaded by the processes that put a document together, not by every one

    with pikepdf.open(part_file(job_id, digest, 0)) as document:
        appended = []
        for index in range(1, count):
            with pikepdf.open(part_file(job_id, digest, index)) as part:
                start = len(document.pages)
                appended += [(title, start + page) for title, page in _outline_entries(part)]
                document.pages.extend(part.pages)
        if appended:
            with document.open_outline() as outline:
                outline.root.extend(pikepdf.OutlineItem(title, page) for title, page in appended)
        return RenderedPdf(content=save(document), page_count=len(document.pages))


def render_in_parts(
    job: Job,
    htmls: Sequence[str],
    progress: ProgressCallback,
    *,
    archival: bool,
    start: int,
    share: int,
) -> RenderedPdf:
    """Lay out each HTML document of `htmls` as a part (any worker process may take one),
    then join them in order. Progress goes from `start` to `start + share` percent as parts
    are done. The part files are removed once joined; the slices, with their HTML, go when
    the job is marked done (documents.services.run_job)."""
    digest = _digest(htmls)
    count = _plan(job, htmls, digest, archival)
    chunks.run_chunks(job, None, lambda percent: progress(start + percent), share=share)
    try:
        return join_parts(job.pk, digest, count)
    finally:
        shutil.rmtree(parts_folder(job.pk), ignore_errors=True)
