"""What a certificate says, and why a text cannot be printed on it.

The texts of one certificate (DOMAIN §10.2) as its paper shows them, the verification address
its QR code and printed link carry, and the Vietnamese refusal naming a line that does not fit
its frame even at the smallest size: shared by the print (`documents`) and the correction form
(`views`). ReportLab is imported only where a text is measured, as in `documents`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.certificates.services import CORRECTABLE, normalise
from awards.decisions.wording import printed_form_name
from awards.enums import TITLE_CERTIFICATE_NAME, AwardCategory, SubjectKind
from awards.models import Certificate
from config.public_address import printed_url
from documents.rendering import DocumentError
from emulation.numbers import format_number

if TYPE_CHECKING:
    from awards.certificates import layout


def verification_url(code: str) -> str:
    """The full address of the certificate's public page (PUBLIC_BASE_URL before the path)."""
    return printed_url("awards:certificate_verify", args=(code,))


def certificate_text(certificate: Certificate) -> layout.CertificateText:
    """What one certificate says (DOMAIN §10.2): the short printed form ("GIẤY KHEN"; a
    title's "GIẤY CHỨNG NHẬN"), the holder and unit, the title held ("Đã đạt danh hiệu Lao
    động tiên tiến năm 2025") and the achievement."""
    from awards.certificates import layout  # drawing library: see the note at the top

    line = certificate.decision_line.nomination_line
    award = line.award
    year = line.nomination.year
    achievement = normalise(line.achievement)
    with translation.override("vi"):
        if award.category == AwardCategory.FORM:
            form_name = printed_form_name(award)
            title_line = ""
            achievement = achievement or _(
                "Đã có thành tích trong phong trào thi đua năm %(year)s"
            ) % {"year": year}
        else:
            form_name = str(TITLE_CERTIFICATE_NAME)
            title_line = _("Đã đạt danh hiệu %(award)s năm %(year)s") % {
                "award": award.name,
                "year": year,
            }
        if line.subject_kind == SubjectKind.INDIVIDUAL:
            unit = line.nomination.unit.name
        elif line.subject_kind == SubjectKind.HOUSEHOLD:
            unit = _("Hộ gia đình")
        else:
            unit = ""
        gold_book = _("Số sổ vàng: %(number)s") % {"number": certificate.gold_book_number}
    return layout.CertificateText(
        code=certificate.code,
        form_name=normalise(form_name.upper()),
        holder=normalise(line.subject_name),
        unit=normalise(unit),
        title_line=normalise(title_line),
        achievement=achievement,
        gold_book=gold_book,
        verify_url=verification_url(certificate.code),
    )


# The lines of a certificate as a refusal names them.
FIELD_LABELS = {
    "issuer_title": gettext_lazy("Cơ quan tặng"),
    "form_name": gettext_lazy("Tên hình thức khen thưởng"),
    "holder": gettext_lazy("Tên người, tập thể được khen thưởng"),
    "unit": gettext_lazy("Đơn vị"),
    "reason": gettext_lazy("Danh hiệu và thành tích"),
    "signer_name": gettext_lazy("Họ tên người ký"),
}


def refusal(error: layout.FieldDoesNotFit, text: layout.CertificateText | None) -> DocumentError:
    """The Vietnamese message that stops a print: which certificate, which line, what to do."""
    with translation.override("vi"):
        arguments = {
            "label": FIELD_LABELS[error.field],
            "size": format_number(error.smallest),
        }
        if text is None:
            message = _(
                "Không in được giấy khen: dòng “%(label)s” dài quá khung in, kể cả khi thu nhỏ "
                "chữ đến %(size)s pt. Hãy rút gọn dòng này rồi in lại."
            )
        else:
            arguments |= {"holder": text.holder, "gold_book": text.gold_book}
            message = _(
                "Không in được giấy khen của “%(holder)s” (%(gold_book)s): dòng “%(label)s” dài "
                "quá khung in, kể cả khi thu nhỏ chữ đến %(size)s pt. Hãy rút gọn dòng này "
                "trong hồ sơ đề nghị rồi in lại; chưa giấy khen nào của quyết định được in."
            )
    return DocumentError(message % arguments)


def printed_text(certificate: Certificate) -> layout.CertificateText:
    """What the certificate's paper says: the texts stored when its file was issued (or given
    by a correction), otherwise those of its decision line."""
    text = certificate_text(certificate)
    stored = {name: value for name, value in certificate.printed.items() if name in CORRECTABLE}
    return dataclasses.replace(text, **stored) if stored else text


def correction_refusal(certificate: Certificate, printed: dict[str, str]) -> str:
    """Why the corrected texts cannot be printed on the certificate, naming the line that
    does not fit its frame even at the smallest size; "" when they fit."""
    from awards.certificates import layout  # drawing library: see the note at the top

    corrected = {name: normalise(printed.get(name, "")) for name in CORRECTABLE}
    text = dataclasses.replace(certificate_text(certificate), **corrected)
    try:
        text.fitted()
    except layout.FieldDoesNotFit as error:
        return str(refusal(error, None))
    return ""
