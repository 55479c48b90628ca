"""Issued documents are PDF/A: the XMP metadata declares part 3, conformance B, with an sRGB
output intent; working documents stay plain PDF."""

from documents.rendering import render_pdf
from tests.documents.pdf_checks import pdf_text, pdfa_declaration

HTML = (
    '<html lang="vi"><head><title>Báo cáo tổng kết</title></head>'
    "<body><p>Chỉ tiêu đạt và vượt kế hoạch</p></body></html>"
)


def test_archival_render_declares_pdfa_3b_with_output_intent_and_title():
    content = render_pdf(HTML, archival=True).content
    declared = pdfa_declaration(content)
    assert (declared["part"], declared["conformance"]) == ("3", "B")
    assert declared["output_intents"] == ["/GTS_PDFA1"]
    assert "Báo cáo tổng kết" in declared["xmp"]
    assert pdf_text(content) == "Chỉ tiêu đạt và vượt kế hoạch"


def test_plain_render_declares_no_pdfa():
    declared = pdfa_declaration(render_pdf(HTML).content)
    assert declared["part"] == ""
    assert declared["output_intents"] == []
