"""Writes of the year-end report: saving what staff wrote (with its history), the
chairperson's signature that numbers and issues it, and filing the copy the chairperson signed
digitally outside the product, which the body's seal follows."""

import datetime
import hashlib
import json
import logging

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.permissions import require
from config.reauth import AuthMethod, RequestMeta, evidence, is_fresh
from config.workflow import TransitionRefused
from documents.models import SignedFile
from documents.services import request_document
from documents.signature_check import SignatureRefused
from documents.signed_files import accept_signed_copy
from emulation.enums import SignerCapacity
from emulation.models import User
from emulation.models.reports import AnnualReport, AnnualReportRevision, AnnualReportSignature
from emulation.reports import hooks, policy
from emulation.reports.documents import YEAR_END_REPORT, report_seal
from emulation.reports.enums import ReportStatus
from emulation.reports.narrative import FIELDS, RECIPIENTS
from emulation.reports.selectors import report_years
from emulation.reports.workflow import REPORT_WORKFLOW

logger = logging.getLogger(__name__)

TEXT_FIELDS = (*FIELDS, RECIPIENTS)


class ReportError(Exception):
    """A refusal to show as is (Vietnamese)."""


def report_texts(report: AnnualReport) -> dict[str, str]:
    return {name: getattr(report, name) for name in TEXT_FIELDS}


def content_sha256(report: AnnualReport) -> str:
    """SHA-256 of what the chairperson reads before signing: the year and every written
    section as saved. The figures come from the features and are printed as they stand."""
    content = {"year": report.year, "version": report.version, **report_texts(report)}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def save_report_texts(
    *, user: User, year: int, texts: dict[str, str], version: int
) -> AnnualReport:
    """Save the sections staff wrote for `year` of the user's authority.

    Preconditions (ReportError or NotPermitted, nothing written): `user` holds
    `reports.edit_year_end_report`; the authority has data for `year`; the report is still a
    draft; `version` is the version the editor started from (another save meanwhile is a
    conflict). Side effects: the report row (created at the first save), its version + 1, and
    one AnnualReportRevision with the texts, the sections changed, who and when. Saving the
    same texts again writes nothing.
    """
    require(user, "reports.edit_year_end_report")
    authority = user.unit.authority
    if year not in report_years(authority=authority):
        raise ReportError(_("Năm %(year)s chưa có số liệu để báo cáo.") % {"year": year})
    cleaned = {name: texts.get(name, "").strip() for name in TEXT_FIELDS}
    try:
        with transaction.atomic():
            report, _created = AnnualReport.objects.select_for_update().get_or_create(
                authority=authority, year=year
            )
            if report.is_issued:
                raise ReportError(_("Báo cáo đã ký ban hành nên không sửa được nữa."))
            if report.version != version:
                raise ReportError(
                    _(
                        "Báo cáo vừa được người khác lưu. Hãy tải lại trang, xem nội dung mới "
                        "rồi sửa tiếp."
                    )
                )
            changed = [name for name in TEXT_FIELDS if getattr(report, name) != cleaned[name]]
            if report.version and not changed:
                return report
            now = timezone.now()
            for name in TEXT_FIELDS:
                setattr(report, name, cleaned[name])
            report.version += 1
            report.updated_at, report.updated_by = now, user
            report.save(update_fields=[*TEXT_FIELDS, "version", "updated_at", "updated_by"])
            AnnualReportRevision.objects.create(
                report=report,
                version=report.version,
                texts=cleaned,
                changed=changed,
                saved_by=user,
                saved_at=now,
            )
    except IntegrityError:
        # Two first saves at once: the other one created the row.
        raise ReportError(
            _("Báo cáo vừa được người khác lưu. Hãy tải lại trang, xem nội dung mới rồi sửa tiếp.")
        ) from None
    logger.info(
        "annual report %s %s saved as version %s by %s", authority.pk, year, report.version, user.pk
    )
    return report


def sign_report(
    *,
    user: User,
    year: int,
    day: datetime.date,
    capacity: str,
    shown_hash: str,
    consent_version: str,
    auth_method: AuthMethod,
    authenticated_at: datetime.datetime,
    meta: RequestMeta,
) -> AnnualReport:
    """Ký ban hành: the chairperson signs the saved report of `year` on `day`.

    Preconditions (ReportError or NotPermitted, nothing written): `user` holds
    `reports.sign_year_end_report`; the consent text is the current one; the password was
    entered within the re-authentication window; the report was saved at least once, is still
    a draft and still has the hash the signer was shown; the authority has a name on `day`;
    a register numbers reports. Side effects: the next number of the register's report
    series (E-15), the report issued with its number, signer and capacity (one history row),
    one AnnualReportSignature with the evidence, and the issued PDF queued (a document job
    published after commit), which is then the file handed out.
    """
    require(user, "reports.sign_year_end_report")
    if capacity not in SignerCapacity.values:
        raise ReportError(_("Hãy chọn ký với tư cách Chủ tịch hay Phó Chủ tịch."))
    now = timezone.now()
    if consent_version != policy.CONSENT_VERSION:
        raise ReportError(_("Lời đồng ý đã được cập nhật. Hãy đọc lại và ký lại."))
    if not is_fresh(authenticated_at, now):
        raise ReportError(_("Cần nhập lại mật khẩu ngay trước khi ký."))
    numbering = hooks.report_numbering()
    if numbering is None:
        raise ReportError(_("Chưa có sổ đăng ký văn bản để cấp số báo cáo."))
    authority = user.unit.authority
    try:
        with transaction.atomic():
            report = (
                AnnualReport.objects.select_for_update()
                .filter(authority=authority, year=year)
                .first()
            )
            if report is None or not report.version:
                raise ReportError(_("Báo cáo năm %(year)s chưa được soạn.") % {"year": year})
            if report.status != ReportStatus.DRAFT:
                raise ReportError(_("Báo cáo đã được ký ban hành."))
            if shown_hash != content_sha256(report):
                raise ReportError(
                    _("Nội dung báo cáo đã thay đổi so với bản bạn đã xem. Hãy xem lại và ký lại.")
                )
            identity = authority.identity_on(day)
            if identity is None:
                raise ReportError(_("Cơ quan chưa có tên gọi hiệu lực vào ngày ký."))
            number, symbol = numbering.take(authority_id=authority.pk, day=day, identity=identity)
            job = request_document(kind=YEAR_END_REPORT, params={"year": year}, user=user)
            REPORT_WORKFLOW.apply(
                report,
                ReportStatus.ISSUED,
                by=user,
                number=number,
                number_year=day.year,
                symbol=symbol,
                signed_on=day,
                signed_by=user,
                signer_capacity=capacity,
                issued_job=job,
            )
            AnnualReportSignature.objects.create(
                report=report,
                user=user,
                **evidence(
                    user=user,
                    shown_hash=shown_hash,
                    consent_version=consent_version,
                    auth_method=auth_method,
                    signed_at=now,
                    meta=meta,
                ),
            )
    except TransitionRefused as exc:
        raise ReportError(str(exc)) from exc
    except OperationalError as exc:
        # lock_timeout reached: another signing holds the register longer than allowed.
        logger.warning("annual report %s %s: register busy: %s", authority.pk, year, exc)
        raise ReportError(_("Sổ đăng ký văn bản đang bận; vui lòng ký lại sau giây lát.")) from exc
    logger.info(
        "annual report %s %s signed as %s by %s (%s, consent %s, from %s)",
        authority.pk,
        year,
        report.reference,
        user.pk,
        auth_method,
        consent_version,
        meta.ip_address,
    )
    return report


def file_signed_report(*, user: User, year: int, content: bytes) -> SignedFile:
    """Keep the year's report signed outside the product (the chairperson's own token) and add
    the body's signature — the seal — after it: the result is its signed original (DOMAIN
    §10.4, the person's signature first, then the body's).

    Preconditions (NotPermitted or ReportError, nothing written): `user` holds
    `reports.file_signed_report`; the report of `year` is issued and its file made; the
    uploaded file's signed revision holds the exact bytes of that file, every signature holds
    and none is the body's yet (`documents.signed_files.accept_signed_copy`). Side effects:
    the copy and the sealed original (two SignedFile rows and their files); the same file
    filed again changes nothing.
    """
    require(user, "reports.file_signed_report")
    report = AnnualReport.objects.filter(authority=user.unit.authority, year=year).first()
    if report is None or not report.is_issued:
        raise ReportError(_("Chỉ lưu bản ký số của báo cáo đã ký ban hành."))
    issued = report.issued_job
    try:
        signed = accept_signed_copy(
            jobs=[issued],
            content=content,
            user=user,
            seal=report_seal(report),
        )
    except SignatureRefused as refused:
        raise ReportError(str(refused)) from refused
    logger.info("report %s: signed original %s filed by %s", report.pk, signed.pk, user.pk)
    return signed
