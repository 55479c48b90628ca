"""Reading generated PDFs back: text, fonts, attachments, page numbers."""

import io
import re
import subprocess
import tempfile

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """All the text, with line breaks and runs of spaces as single spaces (a long name may
    wrap in a table cell or a header column)."""
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def page_texts(content: bytes) -> list[str]:
    """The text of each page, runs of white space as single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def pdf_font_names(content: bytes) -> set[str]:
    """Base names of the fonts embedded in the PDF, without the subset prefix ("ABCDEF+")."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def pdf_has_embedded_files(content: bytes) -> bool:
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    return "/EmbeddedFiles" in root.get("/Names", {}) or b"/EmbeddedFile" in content


def top_margin_texts(content: bytes, margin_pt: float = 20 / 25.4 * 72) -> list[list[str]]:
    """Per page, the texts drawn in the top margin (where page numbers go)."""
    result = []
    for page in PdfReader(io.BytesIO(content)).pages:
        top = float(page.mediabox.height) - margin_pt
        found: list[str] = []

        def visit(text, cm, tm, font, size, top=top, found=found):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and y > top:
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        result.append(found)
    return result


def numbered_in_parts(*lengths: int) -> list[list[str]]:
    """What `top_margin_texts` reads on a document whose parts have these page counts, each
    part numbered on its own (Nghị định 30/2020: an appendix starts again from 1, and a
    part's first page shows no number)."""
    return [[str(page)] if page > 1 else [] for length in lengths for page in range(1, length + 1)]


def pdfa_declaration(content: bytes) -> dict:
    """What the PDF declares about PDF/A: the XMP `pdfaid` part and conformance (empty when
    absent) and the subtypes of its output intents ("/GTS_PDFA1" for PDF/A)."""
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data().decode() if metadata else ""
    part = re.search(r'pdfaid:part="(\d)"', xmp)
    conformance = re.search(r'pdfaid:conformance="([ABU])"', xmp)
    return {
        "part": part.group(1) if part else "",
        "conformance": conformance.group(1) if conformance else "",
        "output_intents": [
            str(intent.get_object()["/S"]) for intent in root.get("/OutputIntents", [])
        ],
        "xmp": xmp,
    }


def pdftotext(content: bytes, *, mode: str = "") -> str:
    """The text as poppler's pdftotext reads it, pages separated by form feeds; `mode`
    "layout" keeps the columns, "raw" the stream order (the only one that keeps diagonal
    text, such as a draft's mark)."""
    options = [f"-{mode}"] if mode else []
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(content)
        source.flush()
        return subprocess.run(
            ["pdftotext", *options, "-enc", "UTF-8", source.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
