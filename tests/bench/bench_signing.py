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
"""

import statistics
import time

import pytest

from documents.rendering import render_pdf
from documents.signature_check import read_signatures
from documents.signing import SignatureRequest, sign_pdf

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
