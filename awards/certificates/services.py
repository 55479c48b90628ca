"""Writes of the certificates: issuing the certificates of a signed decision (codes and
gold-book numbers), requesting their files from the workers, and calibrating the template."""

import logging
import secrets
import unicodedata
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from awards.enums import DecisionStatus
from awards.errors import AwardsError
from awards.models import Certificate, CertificateTemplate, Decision
from config.permissions import require
from documents.models import Job
from documents.services import request_document
from emulation.models import Authority, User

logger = logging.getLogger(__name__)

CERTIFICATE_KIND = "award_certificates"
# Letters and digits that cannot be mistaken for one another when typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
OFFSET_LIMIT_MM = Decimal(30)


class Mode:
    FULL = "full"
    PREPRINTED = "preprinted"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def unused_codes(count: int) -> list[str]:
    """`count` new public codes that no certificate holds yet, in sorted order."""
    codes: set[str] = set()
    while len(codes) < count:
        codes |= {new_code() for _ in range(count - len(codes))}
        codes -= set(Certificate.objects.filter(code__in=codes).values_list("code", flat=True))
    return sorted(codes)


def normalise(text: str) -> str:
    """NFC, so that names typed in decomposed form extract from the PDF as typed."""
    return unicodedata.normalize("NFC", text or "").strip()


def issue_certificates(*, decision: Decision) -> int:
    """Create the missing certificates of a signed decision: one per line, each with a new
    public code and the next numbers of the authority's gold book. Returns how many were
    created. Idempotent; numbers are taken under a lock on the authority row.

    Raises AwardsError when the decision is not signed (a draft has no certificates, a
    revoked decision gets no new ones)."""
    with transaction.atomic():
        Authority.objects.select_for_update().get(pk=decision.authority_id)
        decision = Decision.objects.get(pk=decision.pk)
        if decision.status != DecisionStatus.SIGNED:
            raise AwardsError(_("Chỉ in giấy khen cho quyết định đã ký và còn hiệu lực."))
        # Ids only: a decision of a thousand lines issues in the request of its print.
        missing = list(
            decision.lines.filter(certificates__isnull=True)
            .order_by("nomination_line__award__sort_order", "pk")
            .values_list("pk", flat=True)
        )
        if not missing:
            return 0
        last = (
            Certificate.objects.filter(authority_id=decision.authority_id).aggregate(
                last=Max("gold_book_number")
            )["last"]
            or 0
        )
        codes = unused_codes(len(missing))
        Certificate.objects.bulk_create(
            Certificate(
                decision_line_id=line_id,
                authority_id=decision.authority_id,
                code=code,
                gold_book_number=last + offset,
            )
            for offset, (line_id, code) in enumerate(zip(missing, codes, strict=True), 1)
        )
    logger.info("decision %s: %s certificates issued", decision.pk, len(missing))
    return len(missing)


def request_certificates(*, decision: Decision, user: User, mode: str = Mode.FULL) -> Job:
    """Issue the decision's certificates and queue the job that draws them.

    Preconditions: the user holds `awards.print_certificates` (NotPermitted otherwise); the
    caller has checked that the decision is in the user's scope; the decision is signed
    (AwardsError otherwise, nothing written).
    Side effects: Certificate rows (first time only); one document job, published on commit.
    `mode` is Mode.FULL (the whole design; one file per recipient and one for the decision)
    or Mode.PREPRINTED (only the variable fields, for printing onto blanks)."""
    require(user, "awards.print_certificates", decision)
    if mode not in (Mode.FULL, Mode.PREPRINTED):
        raise AwardsError(_("Cách in không hợp lệ."))
    with transaction.atomic():
        issue_certificates(decision=decision)
        return request_document(
            kind=CERTIFICATE_KIND, params={"decision": decision.pk, "mode": mode}, user=user
        )


def template_for(authority_id: int) -> CertificateTemplate:
    template, _created = CertificateTemplate.objects.get_or_create(authority_id=authority_id)
    return template


def calibrate_template(
    *, user: User, offset_x_mm: Decimal, offset_y_mm: Decimal
) -> CertificateTemplate:
    """Store the pre-printed-blank offsets of the user's authority.

    Preconditions: the user holds `awards.print_certificates` (thi đua staff; NotPermitted
    otherwise); each offset lies within ±30 mm (AwardsError otherwise, nothing written)."""
    require(
        user,
        "awards.print_certificates",
        message=_("Chỉ cán bộ thi đua của cơ quan được chỉnh mẫu in."),
    )
    for value in (offset_x_mm, offset_y_mm):
        if abs(value) > OFFSET_LIMIT_MM:
            raise AwardsError(_("Độ lệch phải trong khoảng −30 mm đến 30 mm."))
    with transaction.atomic():
        template = template_for(user.unit.authority_id)
        template.offset_x_mm, template.offset_y_mm = offset_x_mm, offset_y_mm
        template.save(update_fields=["offset_x_mm", "offset_y_mm", "updated_at"])
    logger.info("certificate template of authority %s calibrated", template.authority_id)
    return template


# Corrections ------------------------------------------------------------------------------------

# The printed texts a correction may change, with the longest value each accepts.
CORRECTABLE = {"holder": 200, "unit": 255, "achievement": 1000}


def correct_certificate(
    *, certificate: Certificate, user: User, printed: dict[str, str], reason: str
) -> tuple[Certificate, Job]:
    """Issue a corrected version of an issued certificate (đính chính) and queue its file.

    `printed` holds the texts as they must read on the new paper: "holder", "unit",
    "achievement" (the decision's own text where not corrected). The issued file is never
    touched: the new version gets its own code and file, the same gold-book number, and
    replaces the old one, whose public page then names it.

    Preconditions: the user holds `awards.correct_certificate` (NotPermitted otherwise); the
    caller has checked that the certificate is in the user's scope. AwardsError, with nothing
    written, when: the reason is empty; the holder is empty; a text is longer than its
    field; nothing differs from the version in force; the certificate was already replaced
    by an issued version, or never printed; the decision is not signed and in force. The
    caller has checked that the texts fit the certificate's frames
    (texts.correction_refusal).
    Side effects: one Certificate row (a previous correction of it whose file was never issued
    is withdrawn); one document job drawing the new file, published on commit; a log line."""
    require(user, "awards.correct_certificate", certificate)
    reason = normalise(reason)
    if not reason:
        raise AwardsError(_("Hãy ghi lý do đính chính."))
    texts = {name: normalise(printed.get(name, "")) for name in CORRECTABLE}
    if not texts["holder"]:
        raise AwardsError(_("Tên tập thể, cá nhân được khen không được để trống."))
    for name, limit in CORRECTABLE.items():
        if len(texts[name]) > limit:
            raise AwardsError(_("Nội dung quá dài: tối đa %(limit)s ký tự.") % {"limit": limit})
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update()
            .select_related("decision_line__decision", "decision_line__nomination_line")
            .get(pk=certificate.pk)
        )
        following = Certificate.objects.filter(replaces=locked).first()
        if following is not None and following.is_issued:
            raise AwardsError(
                _(
                    "Giấy khen này đã được thay thế bởi giấy khen mã %(code)s; hãy đính chính "
                    "bản đó."
                )
                % {"code": following.code}
            )
        if following is not None:
            # A correction whose file was never issued (its print failed) was never handed
            # out: the new correction takes its place.
            following.delete()
        if not locked.is_issued:
            raise AwardsError(_("Giấy khen chưa được in: chưa có tệp nào để đính chính."))
        if locked.decision_line.decision.status != DecisionStatus.SIGNED:
            raise AwardsError(_("Chỉ đính chính giấy khen của quyết định đã ký và còn hiệu lực."))
        if texts == locked.printed:
            raise AwardsError(_("Nội dung đính chính giống hệt giấy khen hiện tại."))
        corrected = Certificate.objects.create(
            decision_line=locked.decision_line,
            authority_id=locked.authority_id,
            code=unused_codes(1)[0],
            gold_book_number=locked.gold_book_number,
            version=locked.version + 1,
            replaces=locked,
            printed=texts,
            correction_reason=reason,
            corrected_by=user,
        )
        job = request_document(
            kind=CERTIFICATE_KIND,
            params={
                "decision": locked.decision_line.decision_id,
                "mode": Mode.FULL,
                "certificates": [corrected.pk],
            },
            user=user,
        )
    logger.info(
        "certificate %s corrected by user %s: version %s, code %s",
        locked.code,
        user.pk,
        corrected.version,
        corrected.code,
    )
    return corrected, job
