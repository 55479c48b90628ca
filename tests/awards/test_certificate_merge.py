"""The merge of a certificate job's chunk files into the decision's one print file: each chunk
file is read and closed before the next is opened, and the print has every page of each."""

import io
import os

import pikepdf
import pytest
from pypdf import PdfReader

from awards.certificates import documents
from awards.certificates.services import request_certificates
from tests.awards.test_certificates import NAMES, decision, job_pdf, media, run  # noqa: F401
from tests.documents.pdf_checks import pdf_text

CHUNK_FILES = "/certificates/jobs/"


def open_chunk_files() -> int:
    """Chunk files this process holds open now (its descriptors, as Linux lists them)."""
    held = 0
    for descriptor in os.listdir("/proc/self/fd"):
        try:
            held += CHUNK_FILES in os.readlink(f"/proc/self/fd/{descriptor}")
        except OSError:  # the listing's own descriptor, closed since
            continue
    return held


@pytest.mark.django_db
def test_the_merge_holds_one_chunk_file_open_at_a_time(decision, staff, monkeypatch):  # noqa: F811
    monkeypatch.setattr(documents, "CHUNK_SIZE", 1)  # three chunks of one certificate
    opened = pikepdf.open
    held_before = []

    def tracking_open(source, *args, **kwargs):
        if CHUNK_FILES in str(source):
            held_before.append(open_chunk_files())
        return opened(source, *args, **kwargs)

    monkeypatch.setattr(pikepdf, "open", tracking_open)
    job = run(request_certificates(decision=decision, user=staff))
    assert held_before == [0, 0, 0]
    merged = job_pdf(job)
    assert len(PdfReader(io.BytesIO(merged)).pages) == 3
    text = pdf_text(merged)
    assert all(name in text for name in NAMES)
