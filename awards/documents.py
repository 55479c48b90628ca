"""What the awards PDFs contain: the decision (quyết định) and the submission to the superior
(tờ trình đề nghị khen thưởng) in the Nghị định 30/2020 layout, and the council's minutes
with the secret-ballot results (biên bản họp và kết quả bỏ phiếu kín).

Builders run in a worker and read through the scoped selectors as the requesting user."""

from itertools import groupby

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.decisions.selectors import decision_lines, decisions_for, recovery_list
from awards.enums import AwardCategory, SubjectKind
from awards.models import CouncilSession, Decision, Submission
from awards.submissions.selectors import submission_lines, submissions_for
from config import clock
from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, render_document_html
from emulation.documents import signer_name


def _object_id(params: dict, name: str) -> int:
    try:
        return int(params.get(name, ""))
    except (TypeError, ValueError):
        raise DocumentError(_("Tham số tài liệu không hợp lệ.")) from None


def decision_context(decision: Decision) -> dict:
    """Awardees grouped by award, the amount of each line and the totals, the counts of
    collectives and individuals for Điều 1."""
    lines = list(decision_lines(decision))
    groups = []
    for award, members in groupby(lines, key=lambda line: line.nomination_line.award):
        rows = list(members)
        groups.append(
            {
                "award": award,
                "lines": rows,
                "subtotal": sum((row.amount or 0) for row in rows),
            }
        )
    kinds = [line.nomination_line.subject_kind for line in lines]
    return {
        "decision": decision,
        "groups": groups,
        "total": sum((line.amount or 0) for line in lines),
        "collective_count": kinds.count(SubjectKind.COLLECTIVE),
        "individual_count": kinds.count(SubjectKind.INDIVIDUAL),
        "household_count": kinds.count(SubjectKind.HOUSEHOLD),
        "has_forms": any(
            line.nomination_line.award.category == AwardCategory.FORM for line in lines
        ),
        "recoveries": recovery_list(decision),
        "signer": signer_name(decision.signed_by) if decision.signed_by_id else "",
    }


@register("award_decision", label=gettext_lazy("Quyết định khen thưởng"))
def build_decision(job, progress: ProgressCallback) -> BuiltDocument:
    decision = decisions_for(job.requested_by).filter(pk=_object_id(job.params, "decision")).first()
    if decision is None:
        raise DocumentError(_("Không tìm thấy quyết định."))
    day = decision.signed_on or clock.today()
    html = render_document_html(
        "awards/pdf/decision.html",
        authority=decision.authority,
        day=day,
        context=decision_context(decision),
    )
    progress(30)
    name = decision.reference.replace("/", "-") if decision.number else f"du-thao-{decision.pk}"
    return BuiltDocument(html=html, filename=f"quyet-dinh-{name}.pdf", archival=True)


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
