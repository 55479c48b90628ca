"""Benchmark of digital signatures (PAdES, documents.signing); `make bench` prints
`name: value` lines.

The document is a decision-sized PDF/A: three pages of Vietnamese text and a 60-row list, with
the signature anchor in the signer's block, rendered once.

- signing_first_ms: the first signature of a process (loading pyHanko, scaling the stamp font
  once, reading the PKCS#12).
- signing_warm_ms: median time to sign it again in a warm process (PAdES B-B, RSA 2048).
- signing_added_kb: what the signature adds to the file (its CMS container, the visible
  signature's appearance and its font subset).
- signature_check_ms: median time of `read_signatures` (parse, digest, chain to the root).
- signature_check_sealed_ms: the same for the file as the product keeps it, signed by the
  chairperson's own token and then sealed, read for the first time in the process: the
  chairperson's signature is followed by the seal's revision, which pyHanko reviews.
- signature_check_sealed_again_ms: the same file read again, its review remembered
  (`documents.signature_check.RememberedReviews`), as a page read on every view does.
"""

import statistics
import time

import pytest

from documents import signature_check
from documents.rendering import render_pdf
from documents.sealing import prepare_for_signing, seal_pdf
from documents.signature_check import read_signatures
from documents.signing import SignatureRequest, sign_pdf
from tests.documents.signing_support import sign_externally

pytestmark = pytest.mark.bench

ROUNDS = 5
REQUEST = SignatureRequest(
    signer_label="ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN", reason="Ban hành Quyết định số 01/QĐ-UBND"
)


def report(name: str, value) -> None:
    print(f"{name}: {value}")


def decision_html() -> str:
    rows = "".join(
        f"<tr><td>{number}</td><td>Nguyễn Thị Ánh Tuyết {number}</td>"
        f"<td>Phòng Văn hóa và Thông tin</td><td>760.000</td></tr>"
        for number in range(1, 61)
    )
    paragraph = "<p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; " * 30
    return (
        "<html lang='vi'><head><title>Quyết định</title></head><body>"
        f"{paragraph}<table>{rows}</table>"
        "<p>CHỦ TỊCH</p><div id='chu-ky-so'></div><p>Trần Thị Lan</p></body></html>"
    )


def _median_ms(action) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def test_bench_signing(signing_on):
    rendered = render_pdf(decision_html(), archival=True)
    content = rendered.content
    started = time.perf_counter()
    signed = sign_pdf(content, request=REQUEST)
    report("signing_pages", rendered.page_count)
    report("signing_first_ms", round((time.perf_counter() - started) * 1000))
    report("signing_warm_ms", round(_median_ms(lambda: sign_pdf(content, request=REQUEST))))
    report("signing_added_kb", round((len(signed) - len(content)) / 1024, 1))
    report("signature_check_ms", round(_median_ms(lambda: read_signatures(signed)), 1))
    assert read_signatures(signed)[0].holds


def test_bench_signature_check_of_a_sealed_file(signing_on, signing_pki):
    issued = render_pdf(decision_html(), archival=True).content
    sealed = seal_pdf(sign_externally(prepare_for_signing(issued), signing_pki), request=REQUEST)

    def first_read():
        signature_check.REVIEWS.answers.clear()
        return read_signatures(sealed)

    report("signature_check_sealed_ms", round(_median_ms(first_read), 1))
    report("signature_check_sealed_again_ms", round(_median_ms(lambda: read_signatures(sealed)), 1))
    assert [finding.holds for finding in read_signatures(sealed)] == [True, True]
