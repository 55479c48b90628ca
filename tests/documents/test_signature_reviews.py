"""documents.signature_check.RememberedReviews: pyHanko's review of what a file's later
revisions changed after a signature is made once per file's bytes and kept for the most
recently read files; a file changed after its signatures is reviewed for itself."""

import io

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY

from documents import signature_check
from documents.rendering import render_pdf
from documents.sealing import prepare_for_signing, seal_pdf
from documents.signature_check import ADDED_AFTER_SIGNING, RememberedReviews, read_signatures
from tests.documents.signing_support import sign_externally
from tests.documents.test_signing import HTML, REQUEST


@pytest.fixture(scope="module")
def issued_pdf() -> bytes:
    return render_pdf(HTML, archival=True).content


@pytest.fixture
def sealed(signing_on, signing_pki, issued_pdf) -> bytes:
    """Signed by the chairperson's own token, then sealed by the body: the chairperson's
    signature is followed by a revision, which is reviewed."""
    return seal_pdf(sign_externally(prepare_for_signing(issued_pdf), signing_pki), request=REQUEST)


@pytest.fixture
def reviews_made(monkeypatch) -> list[int]:
    """An empty memory of reviews (two files), and the revisions pyHanko reviewed, in order."""
    monkeypatch.setattr(signature_check, "REVIEWS", RememberedReviews(size=2))
    made: list[int] = []
    review = DEFAULT_DIFF_POLICY.review_file

    def counted(reader, base_revision, **kwargs):
        made.append(base_revision)
        return review(reader, base_revision, **kwargs)

    monkeypatch.setattr(DEFAULT_DIFF_POLICY, "review_file", counted)
    return made


def changed_after_signing(content: bytes) -> bytes:
    """`content` with a revision appended that changes the document's catalog."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_file_read_again_is_not_reviewed_again(sealed, reviews_made):
    first = read_signatures(sealed)
    again = read_signatures(sealed)
    assert again == first
    assert [finding.holds for finding in first] == [True, True]
    assert len(reviews_made) == 1  # the chairperson's signature; the seal covers the file


def test_a_file_changed_after_its_signatures_is_reviewed_for_itself(sealed, reviews_made):
    read_signatures(sealed)
    findings = read_signatures(changed_after_signing(sealed))
    assert [finding.problem for finding in findings] == [str(ADDED_AFTER_SIGNING)] * 2
    assert len(reviews_made) == 3  # the sealed file's one, then two of the changed file


def test_the_reviews_of_the_least_recently_read_files_are_let_go():
    memory = RememberedReviews(size=2)
    made: list[str] = []

    def review(name):
        return lambda: made.append(name) or f"review of {name}"

    for name in ["a", "b", "a", "c", "b", "a"]:
        assert memory.answer((name,), review(name)) == f"review of {name}"
    # "a" read again stays; "c" lets "b" go, then "b" lets "a" go.
    assert made == ["a", "b", "c", "b", "a"]
