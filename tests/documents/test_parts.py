"""documents.parts: a document laid out in parts (its body, its appendix), each a slice any
worker process may take, joined into one file whose appendix is numbered on its own.

A kind of this module's own ("test-parts") stands for the product's: a body of three pages
with the signature anchor, an appendix of two. tests/emulation/reports shows the year-end
report on the same core."""

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from documents import chunks, parts
from documents.enums import JobStatus
from documents.models import JobChunk
from documents.registry import BuiltDocument, register
from documents.rendering import ForbiddenResourceError
from documents.services import run_job
from tests.documents.pdf_checks import (
    numbered_in_parts,
    page_texts,
    pdf_text,
    pdfa_declaration,
    top_margin_texts,
)
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

KIND = "test-parts"
BODY = """<html lang="vi"><head><meta charset="utf-8"><title>Văn bản thử</title></head><body>
<h1>VĂN BẢN THỬ</h1><p>Thân văn bản, trang một.</p>
<p style="break-before: page">Thân văn bản, trang hai.</p>
<p style="break-before: page">Thân văn bản, trang ba.</p><p id="chu-ky-so">Chữ ký</p>
</body></html>"""
APPENDIX = """<html lang="vi"><head><meta charset="utf-8"><title>Phụ lục</title></head><body>
<section class="appendix"><h1>{title}</h1><p>Phụ lục, trang một.</p>
<p style="break-before: page">Phụ lục, trang hai.</p>{extra}</section></body></html>"""
PAGES = ["VĂN BẢN THỬ", "trang hai", "trang ba", "DANH SÁCH KÈM THEO", "Phụ lục, trang hai"]


def appendix(title="DANH SÁCH KÈM THEO", extra=""):
    return APPENDIX.format(title=title, extra=extra)


@register(KIND, label="Văn bản thử theo phần")
def _build(job, progress):
    rendered = parts.render_in_parts(
        job, job.params["htmls"], progress, archival=True, start=10, share=80
    )
    return BuiltDocument(
        html="", pdf=rendered.content, page_count=rendered.page_count, filename="thu.pdf"
    )


parts.register_parts(KIND)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def published(monkeypatch):
    helpers = []
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: helpers.append(count))
    return helpers


@pytest.fixture
def renders(monkeypatch):
    """The HTML documents this process lays out."""
    laid_out = []
    real = parts.render_pdf

    def counting(html, **options):
        laid_out.append(html)
        return real(html, **options)

    monkeypatch.setattr(parts, "render_pdf", counting)
    return laid_out


def test_the_parts_are_joined_in_order_and_the_appendix_is_numbered_on_its_own(
    media, published, renders
):
    job = JobFactory(kind=KIND, status=JobStatus.RUNNING)
    progress = []
    rendered = parts.render_in_parts(
        job, [BODY, appendix()], progress.append, archival=True, start=10, share=80
    )
    texts = page_texts(rendered.content)
    assert rendered.page_count == len(texts) == 5
    assert [expected in text for expected, text in zip(PAGES, texts, strict=True)] == [True] * 5
    # Nghị định 30/2020: no number on a first page; the appendix starts again from 1.
    assert top_margin_texts(rendered.content) == numbered_in_parts(3, 2)
    assert published == [1]  # one other process asked to take a part
    assert progress[-1] == 90 and progress == sorted(progress)
    assert not parts.parts_folder(job.pk).exists()  # the part files go once joined


def test_the_joined_file_keeps_the_bodys_catalogue_and_the_appendixs_bookmark(media, published):
    job = JobFactory(kind=KIND, status=JobStatus.RUNNING)
    content = parts.render_in_parts(
        job, [BODY, appendix()], lambda percent: None, archival=True, start=0, share=100
    ).content
    declared = pdfa_declaration(content)
    assert (declared["part"], declared["conformance"]) == ("3", "B")
    assert declared["output_intents"] == ["/GTS_PDFA1"]
    assert "Văn bản thử" in declared["xmp"]  # the body's title, not the appendix's
    reader = PdfReader(io.BytesIO(content))
    anchor = reader.named_destinations["chu-ky-so"]  # where the signer's field goes
    assert reader.get_destination_page_number(anchor) == 2
    titles = {item.title: reader.get_destination_page_number(item) for item in reader.outline}
    assert titles == {"VĂN BẢN THỬ": 0, "DANH SÁCH KÈM THEO": 3}


def test_a_part_another_process_laid_out_is_not_laid_out_again(media, published, renders):
    job = JobFactory(kind=KIND, status=JobStatus.RUNNING)
    htmls = [BODY, appendix()]
    assert parts._plan(job, htmls, parts._digest(htmls), True) == 2
    # A helper in another worker process claims the first part and lays it out.
    assert chunks.help_with_job(job.pk) == 2
    renders.clear()
    rendered = parts.render_in_parts(
        job, htmls, lambda percent: None, archival=True, start=0, share=100
    )
    assert renders == []  # both were done: the job's process only joins them
    assert top_margin_texts(rendered.content) == numbered_in_parts(3, 2)


def test_parts_planned_for_other_html_are_replaced_on_a_rerun(media, published, renders):
    job = JobFactory(kind=KIND, status=JobStatus.RUNNING)
    earlier = [BODY, appendix("DANH SÁCH CŨ")]
    parts._plan(job, earlier, parts._digest(earlier), True)
    chunks.do(job, None, chunks.claim(job.pk))  # the earlier run laid out its body, then died
    renders.clear()
    rendered = parts.render_in_parts(
        job, [BODY, appendix()], lambda percent: None, archival=True, start=0, share=100
    )
    text = pdf_text(rendered.content)
    assert "DANH SÁCH KÈM THEO" in text and "DANH SÁCH CŨ" not in text
    assert len(renders) == 2
    assert JobChunk.objects.filter(job=job).count() == 2


def test_a_finished_job_keeps_no_slices_and_a_failed_one_keeps_its_done_parts(
    media, published, renders
):
    job = JobFactory(kind=KIND, params={"htmls": [BODY, appendix()]})
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert (job.status, job.page_count) == (JobStatus.DONE, 5)
    assert not JobChunk.objects.filter(job=job).exists()  # their HTML goes with the job's end
    # An appendix that asks for a file from outside: the job fails in Vietnamese, the body
    # laid out stays done for the retry.
    outside = appendix(extra='<img src="http://example.com/logo.png">')
    job = JobFactory(kind=KIND, params={"htmls": [BODY, outside]})
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.FAILED
    assert "http://example.com/logo.png" in job.error
    states = dict(JobChunk.objects.filter(job=job).values_list("index", "state"))
    assert states[0] == "done"


def test_a_part_that_fails_in_a_helper_is_given_back_and_fails_the_job_at_once(
    media, published, caplog
):
    """Not left running for STALE_SECONDS: the job's process claims it again and ends the
    job with the reason."""
    job = JobFactory(kind=KIND, status=JobStatus.RUNNING)
    htmls = [BODY, appendix(extra='<img src="http://example.com/logo.png">')]
    parts._plan(job, htmls, parts._digest(htmls), True)
    assert chunks.help_with_job(job.pk) == 1  # the body; the appendix failed
    states = dict(JobChunk.objects.filter(job=job).values_list("index", "state"))
    assert states == {0: "done", 1: "pending"}
    assert "chunk 1 failed in a helper; given back" in caplog.text
    with pytest.raises(ForbiddenResourceError):
        parts.render_in_parts(job, htmls, lambda percent: None, archival=True, start=0, share=100)
