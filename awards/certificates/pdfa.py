"""PDF/A-2b for the certificate files: an sRGB output intent and XMP metadata that agrees
with the document information, written with pikepdf over ReportLab's output.

ReportLab already embeds every font (subset, with a Unicode map) and writes a file ID; these
are the two parts PDF/A-2b adds on top.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    import pikepdf

PDFA_PART = "2"
PDFA_CONFORMANCE = "B"


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile, built by LittleCMS (through Pillow) once per process."""
    from PIL import ImageCms  # only the processes that draw certificates load Pillow's CMS

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    import pikepdf  # loaded by the processes that draw certificates, not by every worker

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


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <xmp:CreatorTool>{producer}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdfaid:part>{part}</pdfaid:part>
   <pdfaid:conformance>{conformance}</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
PRODUCER = "thidua"


def mark_pdfa(pdf: pikepdf.Pdf, *, title: str, day: datetime.date) -> None:
    """Add the output intent and the XMP metadata (pdfaid part 2, conformance B) to `pdf`,
    with the document information saying the same (title, producer, dates).

    The XMP packet is written from a fixed template: this runs once per certificate, and
    building it through an XML library costs more than drawing the certificate."""
    import pikepdf  # loaded by the processes that draw certificates, not by every worker

    pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
    stamp = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    info = pdf.docinfo
    for key in list(info.keys()):
        del info[key]
    info[pikepdf.Name.Title] = pikepdf.String(title)
    info[pikepdf.Name.Producer] = pikepdf.String(PRODUCER)
    info[pikepdf.Name.Creator] = pikepdf.String(PRODUCER)
    info[pikepdf.Name.CreationDate] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%S+00'00'"))
    info[pikepdf.Name.ModDate] = info[pikepdf.Name.CreationDate]
    xmp = XMP.format(
        title=escape(title),
        stamp=stamp.isoformat(),
        producer=PRODUCER,
        part=PDFA_PART,
        conformance=PDFA_CONFORMANCE,
    )
    metadata = pdf.make_stream(xmp.encode("utf-8"))
    metadata.Type = pikepdf.Name.Metadata
    metadata.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = metadata
