"""Writes of decisions (quyết định khen thưởng): drafting, signing with its number and money,
revocation (E-18), and filing the copy the chairperson signed digitally outside the product.
"""

import datetime
import logging
from collections.abc import Iterable

from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.selectors import base_salary_on, rule_set_for
from awards.decisions import policy
from awards.decisions.selectors import decision_lines, issued_job
from awards.decisions.summary import DECISION_CODE, amounts_for, signing_summary
from awards.decisions.wording import decision_subject
from awards.decisions.workflow import DECISION_WORKFLOW
from awards.documents import decision_seal
from awards.enums import (
    DecidingLevel,
    DecisionStatus,
    NominationState,
    RegisterSeries,
    SignerCapacity,
    SubjectKind,
)
from awards.errors import AwardsError, MissingSettingError
from awards.models import Decision, DecisionLine, DecisionSignature, NominationLine, TitleHeld
from awards.nominations.services import set_nomination_state
from awards.papers import create_paper, lock_draft_paper, number_and_sign, require_approved
from awards.submissions.upward import settle_below
from config.permissions import require
from config.reauth import AuthMethod, RequestMeta, evidence, is_fresh
from documents.models import SignedFile
from documents.signature_check import SignatureRefused
from documents.signed_files import accept_signed_copy
from emulation.models import User

logger = logging.getLogger(__name__)


def draft_decision(
    *, user: User, year: int, lines: Iterable[NominationLine], title: str = ""
) -> Decision:
    """A draft decision listing approved nominees whose award this authority decides.

    Its trích yếu is `title` when given, else the one its lines call for ("Về việc tặng
    Giấy khen cho …", `wording.decision_subject`), never the proposal's title. A nominee
    received from a subordinate's submission is decided here whatever the award's level: the
    subordinate sent it up because this authority decides it."""
    require(user, "awards.draft_decision")
    lines = list(lines)
    if not lines:
        raise AwardsError(_("Quyết định cần ít nhất một người, tập thể được khen thưởng."))
    for line in lines:
        require_approved(line, user)
        received = line.forwarded_from_id is not None
        level = rule_set_for(line.award, line.nomination.year).deciding_level
        if level != DecidingLevel.AUTHORITY and not received:
            raise AwardsError(_("“%(award)s” do cấp trên quyết định.") % {"award": line.award.name})
    return create_paper(
        Decision,
        DecisionLine,
        "decision",
        user=user,
        year=year,
        title=title.strip() or decision_subject(lines, year),
        lines=lines,
        taken=_("Có người, tập thể đã thuộc một quyết định khác."),
    )


def sign_decision(
    *,
    decision: Decision,
    user: User,
    day: datetime.date,
    capacity: SignerCapacity = SignerCapacity.CHAIR,
) -> Decision:
    """Ký quyết định: only the chairperson's role. Takes the number from the register (E-15),
    computes each line's money from the base salary in force on `day` (E-11, E-12), records
    the titles held and moves the nominations to decided. `capacity` is printed above the
    signer's name: CHỦ TỊCH, or KT. CHỦ TỊCH / PHÓ CHỦ TỊCH for a deputy signing on the
    chairperson's behalf (AwardsError for any other value, nothing written).
    """
    require(user, "awards.sign_decision", decision)
    if capacity not in SignerCapacity.values:
        raise AwardsError(_("Thẩm quyền ký không hợp lệ."))
    try:
        return _sign(decision=decision, user=user, day=day, capacity=capacity)
    except OperationalError as exc:
        # lock_timeout reached: another signing holds the register longer than allowed.
        logger.warning("decision %s: register busy: %s", decision.pk, exc)
        raise AwardsError(
            _("Sổ đăng ký quyết định đang bận; vui lòng ký lại sau giây lát.")
        ) from exc


def _sign(
    *, decision: Decision, user: User, day: datetime.date, capacity: SignerCapacity
) -> Decision:
    with transaction.atomic():
        decision, identity = lock_draft_paper(
            Decision, decision.pk, user=user, day=day, signed=_("Quyết định đã được ký.")
        )
        try:
            base = base_salary_on(day)
        except MissingSettingError as exc:
            raise AwardsError(str(exc)) from exc
        lines = list(decision_lines(decision))
        amounts = amounts_for([line.nomination_line for line in lines], base)
        for line, amount in zip(lines, amounts, strict=True):
            line.amount = amount
            line.save(update_fields=["amount"])
        decision.base_salary = base
        decision.signer_capacity = capacity
        number_and_sign(
            decision,
            workflow=DECISION_WORKFLOW,
            series=RegisterSeries.DECISION,
            code=DECISION_CODE,
            identity=identity,
            user=user,
            day=day,
            also=("base_salary", "signer_capacity"),
        )
        for line in lines:
            nominee = line.nomination_line
            if nominee.subject_kind != SubjectKind.HOUSEHOLD:
                TitleHeld.objects.create(
                    person=nominee.person,
                    unit=nominee.subject_unit,
                    award=nominee.award,
                    year=nominee.nomination.year,
                    decision_reference=decision.reference,
                    decided_on=day,
                    issuer_level=identity.level,
                    decision_line=line,
                )
        for nomination in {line.nomination_line.nomination for line in lines}:
            if nomination.state == NominationState.APPROVED:
                set_nomination_state(
                    nomination, NominationState.DECIDED, by=user, reason=decision.reference
                )
        settle_below(decision, by=user)
    logger.info("decision %s signed as %s by %s", decision.pk, decision.reference, user.pk)
    return decision


def sign_decision_with_evidence(
    *,
    decision: Decision,
    user: User,
    day: datetime.date,
    shown_hash: str,
    consent_version: str,
    auth_method: AuthMethod,
    authenticated_at: datetime.datetime,
    meta: RequestMeta,
    capacity: SignerCapacity = SignerCapacity.CHAIR,
) -> DecisionSignature:
    """Sign a decision from its signing page and record the evidence, as a pledge signature
    does: signer name and role, how the password was entered again, the consent version, the
    SHA-256 of the summary shown, time, IP, user agent and a hash of the session key.

    Preconditions (AwardsError or NotPermitted otherwise, nothing written): `user` holds
    `awards.sign_decision` for the decision; the consent text is the current one; the password
    was entered within the re-authentication window; the decision is still a draft; the
    summary on `day` still has the hash the signer was shown; then every condition of
    `sign_decision`, which prints `capacity` above the signer's name.
    Side effects: those of `sign_decision`, and one DecisionSignature.
    """
    require(user, "awards.sign_decision", decision)
    now = timezone.now()
    if consent_version != policy.CONSENT_VERSION:
        raise AwardsError(_("Lời đồng ý đã được cập nhật. Hãy đọc lại và ký lại."))
    if not is_fresh(authenticated_at, now):
        raise AwardsError(_("Cần nhập lại mật khẩu ngay trước khi ký."))
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.status != DecisionStatus.DRAFT:
            raise AwardsError(_("Quyết định đã được ký."))
        if shown_hash != signing_summary(locked, day).sha256:
            raise AwardsError(
                _("Nội dung quyết định đã thay đổi so với bản bạn đã xem. Hãy xem lại và ký lại.")
            )
        signed = sign_decision(decision=locked, user=user, day=day, capacity=capacity)
        signature = DecisionSignature.objects.create(
            decision=signed,
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
    logger.info(
        "decision %s signature %s: %s, consent %s, from %s",
        signed.pk,
        signature.pk,
        auth_method,
        consent_version,
        meta.ip_address,
    )
    return signature


def revoke_decision(*, decision: Decision, user: User, reason: str, day: datetime.date) -> Decision:
    """E-18: cancel a signed decision. The decision and its lines stay, marked revoked; the
    titles held from it are marked revoked; `selectors.recovery_list` lists what to recover."""
    require(user, "awards.revoke_decision", decision)
    if not reason.strip():
        raise AwardsError(_("Cần ghi lý do hủy bỏ quyết định."))
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.status != DecisionStatus.SIGNED:
            raise AwardsError(_("Chỉ hủy bỏ được quyết định đã ký."))
        DECISION_WORKFLOW.apply(
            decision,
            DecisionStatus.REVOKED,
            by=user,
            reason=reason,
            check=False,
            revoked_on=day,
            revocation_reason=reason.strip(),
        )
        TitleHeld.objects.filter(decision_line__decision=decision).update(revoked=True)
    logger.info("decision %s revoked by %s", decision.pk, user.pk)
    return decision


def file_signed_decision(*, decision: Decision, user: User, content: bytes) -> SignedFile:
    """Keep the decision signed outside the product (with the chairperson's own token) and add
    the body's signature — the seal — after it: the result is its signed original (DOMAIN
    §10.4, the person's signature first, then the body's).

    Preconditions (NotPermitted or AwardsError, nothing written): `user` holds
    `awards.file_signed_decision`; the decision is signed and in force; the file's signed
    revision holds the exact bytes of one of its issued files and every signature in it is
    intact, valid, within its certificate's validity and chained to a configured trust root
    (`documents.signed_files.accept_signed_copy`), and carries no seal yet. Side effects: the
    copy and the sealed original (two SignedFile rows and their files); the same file filed
    again changes nothing.
    """
    require(user, "awards.file_signed_decision", decision)
    if decision.status != DecisionStatus.SIGNED:
        raise AwardsError(_("Chỉ lưu bản ký số của quyết định đã ký và còn hiệu lực."))
    try:
        issued = issued_job(decision)
        signed = accept_signed_copy(
            jobs=[issued],
            content=content,
            user=user,
            seal=decision_seal(decision),
        )
    except SignatureRefused as refused:
        raise AwardsError(str(refused)) from refused
    logger.info("decision %s: signed original %s filed by %s", decision.pk, signed.pk, user.pk)
    return signed
