"""PDF/A-2b for the certificate files: an sRGB output intent and XMP metadata that agrees
with the document information, written with pikepdf over ReportLab's output.

ReportLab already embeds every font (subset, with a Unicode map) and writes a file ID; these
are the two parts PDF/A-2b adds on top.
"""

import datetime
import io
from functools import cache

import pikepdf
from PIL import ImageCms

PDFA_PART = "2"
PDFA_CONFORMANCE = "B"


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile, built by LittleCMS (through Pillow) once per process."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    profile = pdf.make_stream(srgb_profile())
    profile.N = 3
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
            Info=pikepdf.String("sRGB IEC61966-2.1"),
            RegistryName=pikepdf.String("http://www.color.org"),
            DestOutputProfile=profile,
        )
    )


def mark_pdfa(pdf: pikepdf.Pdf, *, title: str, day: datetime.date) -> None:
    """Add the output intent and the XMP metadata (pdfaid part 2, conformance B) to `pdf`."""
    pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
    stamp = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    if pikepdf.Name.Trapped in pdf.docinfo:  # ReportLab's /Trapped has no XMP equivalent
        del pdf.docinfo[pikepdf.Name.Trapped]
    pdf.docinfo[pikepdf.Name.Title] = title
    pdf.docinfo[pikepdf.Name.Producer] = "thidua"
    pdf.docinfo[pikepdf.Name.CreationDate] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%S+00'00'"))
    pdf.docinfo[pikepdf.Name.ModDate] = pdf.docinfo[pikepdf.Name.CreationDate]
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["dc:title"] = title
        meta["xmp:CreateDate"] = stamp.isoformat()
        meta["xmp:ModifyDate"] = stamp.isoformat()
        meta["xmp:MetadataDate"] = stamp.isoformat()
        meta["pdf:Producer"] = "thidua"
        meta["pdfaid:part"] = PDFA_PART
        meta["pdfaid:conformance"] = PDFA_CONFORMANCE


def save(pdf: pikepdf.Pdf) -> bytes:
    """The file's bytes; the same content gives the same bytes (deterministic file ID)."""
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
