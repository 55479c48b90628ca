"""What the pledge PDFs contain: the text the members sign (`pledge`), and the same text with a
signature page once every member has signed (`pledge_final`). Both are built from the content
frozen when the version was opened, never from the live records."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.public_address import printed_url
from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, render_document_html
from documents.signing import issued_signature
from emulation.models.pledges import PledgeVersion
from emulation.pledges.enums import VersionStatus
from emulation.pledges.signing import PLEDGE_DOCUMENT, PLEDGE_FINAL_DOCUMENT


def _version(job) -> PledgeVersion:
    version = (
        PledgeVersion.objects.select_related("pledge__cluster__authority", "document_job")
        .filter(pk=job.params.get("version_id"))
        .first()
    )
    if version is None or not version.content:
        raise DocumentError(_("Không tìm thấy bản giao ước đã chốt nội dung."))
    return version


def pledge_context(version: PledgeVersion) -> dict:
    """The frozen content laid out for the template: sections of commitments, dated
    activities, parties."""
    content = version.content
    sections: list[dict] = []
    for item in content["items"]:
        if not sections or sections[-1]["title"] != item["section"]:
            sections.append({"title": item["section"], "items": []})
        sections[-1]["items"].append(item)
    activities = [
        {**activity, "day": datetime.date.fromisoformat(activity["date"])}
        for activity in content["activities"]
    ]
    deadline = content["deadline"]
    return {
        "content": content,
        "version": version,
        "sections": sections,
        "activities": activities,
        "deadline": datetime.date.fromisoformat(deadline) if deadline else None,
        "verification_code": version.verification_code,
        "signature_blocks": signature_blocks(content),
    }


def signature_blocks(content: dict, signatures=()) -> list[dict]:
    """One block per member unit, in the frozen order, with the signature made for it (the
    signed pledge names each signer there) or None (the text opened for signature). A unit
    standing for a commune is signed on behalf of the commune's committee by its chairperson
    (`represented_issuer`, frozen at opening)."""
    by_unit = {signature.unit_id: signature for signature in signatures}
    return [
        {
            "unit": member["name"],
            "represented_issuer": member.get("represented_issuer"),
            "signature": by_unit.get(member["unit_id"]),
        }
        for member in content["members"]
    ]


def verification_url(code: str) -> str:
    """The full address of the verification page with the code filled in."""
    return printed_url("pledges:verify", query=f"?ma={code}")


@register(PLEDGE_DOCUMENT, label=gettext_lazy("Giao ước thi đua (bản ký)"))
def build_pledge(job, progress: ProgressCallback) -> BuiltDocument:
    """The pledge as opened for signature: the PDF whose SHA-256 every signer confirms."""
    version = _version(job)
    progress(10)
    html = render_document_html(
        "emulation/pdf/pledge.html",
        authority=version.pledge.cluster.authority,
        day=timezone.localdate(version.opened_at),
        context=pledge_context(version),
    )
    progress(30)
    return BuiltDocument(html=html, filename=f"giao-uoc-{version.pk}-ban-ky.pdf", archival=True)


@register(PLEDGE_FINAL_DOCUMENT, label=gettext_lazy("Giao ước thi đua (đã ký đủ)"))
def build_pledge_final(job, progress: ProgressCallback) -> BuiltDocument:
    """The signed pledge: the same text followed by a signature page listing each signer,
    their unit, role and time, the SHA-256 of the signed text, and a verification code with
    its QR code."""
    version = _version(job)
    if version.status != VersionStatus.COMPLETE:
        raise DocumentError(_("Giao ước chưa được ký đủ."))
    signatures = list(
        version.signatures.select_related("unit", "delegation").order_by("slot__sort_order")
    )
    progress(10)
    import segno  # this module is imported by every process at start-up; the QR code by few

    url = verification_url(version.verification_code)
    context = {
        **pledge_context(version),
        "signature_blocks": signature_blocks(version.content, signatures),
        "signatures": signatures,
        "signed_document_sha256": version.document_sha256,
        "verification_link": url,
        "qr_data_uri": segno.make(url, error="m").svg_data_uri(scale=3),
    }
    html = render_document_html(
        "emulation/pdf/pledge_final.html",
        authority=version.pledge.cluster.authority,
        day=timezone.localdate(version.completed_at),
        context=context,
    )
    progress(30)
    return BuiltDocument(
        html=html,
        filename=f"giao-uoc-{version.pk}-da-ky.pdf",
        archival=True,
        signature=issued_signature(
            version.pledge.cluster.authority,
            timezone.localdate(version.completed_at),
            _("Xác nhận giao ước thi đua đã được các thành viên ký đủ, mã %(code)s")
            % {"code": version.verification_code},
        ),
    )
