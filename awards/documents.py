"""What the awards PDFs contain: the decision (quyết định) and the submission to the superior
(tờ trình đề nghị khen thưởng) in the Nghị định 30/2020 layout, and the council's minutes
with the secret-ballot results (biên bản họp và kết quả bỏ phiếu kín).

Builders run in a worker and read through the scoped selectors as the requesting user."""

import datetime
from itertools import groupby
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.catalogue.selectors import base_salary_on
from awards.decisions.selectors import (
    DECISION_DOCUMENT,
    decision_lines,
    decisions_for,
    issued_job,
    recovery_list,
)
from awards.decisions.summary import amounts_for
from awards.decisions.verification import verification_link
from awards.decisions.wording import article_one, count_recipients
from awards.enums import AwardCategory, DecisionStatus
from awards.errors import MissingSettingError
from awards.models import CouncilSession, Decision, Submission
from awards.submissions.selectors import submission_lines, submissions_for
from config import clock
from documents.parts import register_parts, render_in_parts
from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, document_date, render_document_html
from documents.signing import SignatureRequest, issued_signature
from emulation.documents import signer_name


def _object_id(params: dict, name: str) -> int:
    try:
        return int(params.get(name, ""))
    except (TypeError, ValueError):
        raise DocumentError(_("Tham số tài liệu không hợp lệ.")) from None


DECISION_TEMPLATE = "awards/pdf/decision.html"
DECISION_APPENDIX_TEMPLATE = "awards/pdf/decision_appendix.html"
PROGRESS_BUILT = 20
PROGRESS_PARTS = 75  # laying out the parts: from 20 to 95 %
ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _money_of_lines(decision: Decision, lines: list, day: datetime.date) -> list:
    """Each line's money: as signed, or for a draft as it would be on `day` (None for every
    line when no base salary is in force then)."""
    if decision.status != DecisionStatus.DRAFT:
        return [line.amount for line in lines]
    try:
        base = base_salary_on(day)
    except MissingSettingError:
        return [None] * len(lines)
    return amounts_for([line.nomination_line for line in lines], base)


def decision_context(decision: Decision, day: datetime.date | None = None) -> dict:
    """What the decision prints (DOMAIN §10.1): its trích yếu and Điều 1 in words, the
    signer's capacity and name, and the appendix: awardees grouped by award, each group
    numbered and counted, with the money of each line and the total (a draft shows the money
    of `day`)."""
    day = day or decision.signed_on or clock.today()
    lines = list(decision_lines(decision))
    amounts = _money_of_lines(decision, lines, day)
    nominees = [line.nomination_line for line in lines]
    groups = []
    rows = list(zip(lines, amounts, strict=True))
    for index, (award, members) in enumerate(
        groupby(rows, key=lambda row: row[0].nomination_line.award)
    ):
        members = list(members)
        recipients = count_recipients(line.nomination_line for line, _amount in members)
        groups.append(
            {
                "numeral": ROMAN_NUMERALS[index] if index < len(ROMAN_NUMERALS) else index + 1,
                "award": award,
                "recipients": recipients.counted(),
                "rows": [
                    {
                        "name": line.nomination_line.subject_name,
                        "unit": line.nomination_line.nomination.unit.name,
                        "amount": amount,
                    }
                    for line, amount in members
                ],
            }
        )
    known = [amount for amount in amounts if amount is not None]
    total = sum(known) if known and len(known) == len(amounts) else None
    return {
        "decision": decision,
        "is_draft": decision.status == DecisionStatus.DRAFT,
        "year": str(decision.year),
        "article_one": article_one(nominees, decision.year),
        "recipient_kinds": count_recipients(nominees).kinds(),
        "groups": groups,
        # No "tổng cộng 0 đồng": the total is stated only when there is money to state.
        "total": total or None,
        "has_forms": any(nominee.award.category == AwardCategory.FORM for nominee in nominees),
        "recoveries": recovery_list(decision),
        "signer_lines": decision.signer_title_lines,
        "signer": signer_name(decision.signed_by) if decision.signed_by_id else "",
        "signed_day": document_date(decision.signed_on) if decision.signed_on else "",
    }


register_parts(DECISION_DOCUMENT)


@register(DECISION_DOCUMENT, label=gettext_lazy("Quyết định khen thưởng"))
def build_decision(job, progress: ProgressCallback) -> BuiltDocument:
    """The decision as PDF/A: the decision and its list of awardees laid out as parts
    (documents.parts), so the list's pages are numbered on their own and another worker
    process lays it out while this one lays out the decision. A signed decision gets the
    empty field of the chairperson's signature; once issued, its file is handed out as is."""
    decision = decisions_for(job.requested_by).filter(pk=_object_id(job.params, "decision")).first()
    if decision is None:
        raise DocumentError(_("Không tìm thấy quyết định."))
    issued = issued_job(decision)
    if issued is not None:
        # An issued file never changes: every print after the first hands out its bytes.
        try:
            with issued.result.open("rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            raise DocumentError(
                _(
                    "Không tìm thấy tệp quyết định đã ban hành trên máy chủ. Hãy khôi phục "
                    "tệp từ bản sao lưu; tệp đã ban hành không được tạo lại."
                )
            ) from None
        name = Path(issued.result.name).name
        return BuiltDocument(html="", filename=name, pdf=content, page_count=issued.page_count)
    day = decision.signed_on or clock.today()
    context = {**decision_context(decision, day), "verification_link": verification_link(decision)}
    body, appendix = (
        render_document_html(template, authority=decision.authority, day=day, context=context)
        for template in (DECISION_TEMPLATE, DECISION_APPENDIX_TEMPLATE)
    )
    progress(PROGRESS_BUILT)
    rendered = render_in_parts(
        job, (body, appendix), progress, archival=True, start=PROGRESS_BUILT, share=PROGRESS_PARTS
    )
    name = decision.reference.replace("/", "-") if decision.number else f"du-thao-{decision.pk}"
    return BuiltDocument(
        html="",
        pdf=rendered.content,
        page_count=rendered.page_count,
        filename=f"quyet-dinh-{name}.pdf",
        archival=True,
        for_personal_signature=decision.status != DecisionStatus.DRAFT,
    )


def decision_seal(decision: Decision) -> SignatureRequest:
    """The body's signature added after the chairperson's on the decision's signed copy."""
    return issued_signature(
        decision.authority,
        decision.signed_on,
        _("Ban hành Quyết định số %(reference)s") % {"reference": decision.reference},
    )


def submission_context(submission: Submission) -> dict:
    """Nominees grouped by award, each with the council's result (yes/total, yes/present)."""
    lines = [row.nomination_line for row in submission_lines(submission)]
    groups = [
        {"award": award, "lines": list(members)}
        for award, members in groupby(lines, key=lambda line: line.award)
    ]
    return {
        "submission": submission,
        "groups": groups,
        "count": len(lines),
        "signer": signer_name(submission.signed_by) if submission.signed_by_id else "",
    }


@register("award_submission", label=gettext_lazy("Tờ trình đề nghị khen thưởng"))
def build_submission(job, progress: ProgressCallback) -> BuiltDocument:
    submission = (
        submissions_for(job.requested_by).filter(pk=_object_id(job.params, "submission")).first()
    )
    if submission is None:
        raise DocumentError(_("Không tìm thấy tờ trình."))
    html = render_document_html(
        "awards/pdf/submission.html",
        authority=submission.authority,
        day=submission.signed_on or clock.today(),
        context=submission_context(submission),
    )
    progress(30)
    name = (
        submission.reference.replace("/", "-") if submission.number else f"du-thao-{submission.pk}"
    )
    return BuiltDocument(html=html, filename=f"to-trinh-{name}.pdf", archival=True)


def minutes_context(session: CouncilSession) -> dict:
    nominations = list(
        session.nominations.select_related("unit").prefetch_related(
            "lines__award", "lines__person", "lines__subject_unit"
        )
    )
    memberships = list(session.memberships.select_related("user__person"))
    return {
        "session": session,
        "nominations": nominations,
        "members_total": len(memberships),
        "members_present": sum(membership.present for membership in memberships),
        "members": [
            {"name": signer_name(membership.user), "present": membership.present}
            for membership in memberships
        ],
    }


@register("council_minutes", label=gettext_lazy("Biên bản họp Hội đồng Thi đua – Khen thưởng"))
def build_minutes(job, progress: ProgressCallback) -> BuiltDocument:
    user = job.requested_by
    session = (
        CouncilSession.objects.filter(
            pk=_object_id(job.params, "session"), authority_id=user.unit.authority_id
        ).first()
        if user.unit_id
        else None
    )
    if session is None:
        raise DocumentError(_("Không tìm thấy phiên họp."))
    html = render_document_html(
        "awards/pdf/council_minutes.html",
        authority=session.authority,
        day=session.held_on,
        context=minutes_context(session) | {"prepared_by": signer_name(user)},
    )
    progress(30)
    return BuiltDocument(html=html, filename=f"bien-ban-hoi-dong-{session.held_on.isoformat()}.pdf")
