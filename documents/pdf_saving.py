"""Saving a PDF that pikepdf opened or put together (certificates drawn by ReportLab, a
document joined from its parts): the same content always gives the same bytes.

Deterministic file ID; streams written as they are: ReportLab and WeasyPrint compressed the
pages and fonts already, and compressing them again costs ten times the rest of the save. The
XMP packet is kept as it was written: pikepdf's fix_metadata_version would parse and write it
again through lxml on every save (once per certificate) only to update a pdf:PDFVersion that
the packet does not hold, and would load lxml (about 5 MB) in each process that saves.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

SAVE_OPTIONS = {"deterministic_id": True, "compress_streams": False, "fix_metadata_version": False}


def save(pdf: pikepdf.Pdf) -> bytes:
    """The file's bytes; the same content gives the same bytes (SAVE_OPTIONS)."""
    out = io.BytesIO()
    pdf.save(out, **SAVE_OPTIONS)
    return out.getvalue()


def save_to(pdf: pikepdf.Pdf, path: Path) -> None:
    """Write the file to `path` as `save` would give its bytes, without holding them: the
    decision's print of a thousand certificates is written as it is assembled."""
    pdf.save(path, **SAVE_OPTIONS)
