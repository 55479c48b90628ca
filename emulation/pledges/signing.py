"""Opening a pledge version for signature and signing it: the frozen content and its PDF, the
signature slots, signatures with their evidence (document hash, consent, fresh password,
where the request came from), declining and the views of the document.

Every write appends to the pledge's hash-chained history (`history.append_event`). Documents
are requested from the document core inside the same transaction and published after commit.
"""

import datetime
import hashlib
from functools import partial

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config import clock
from config.reauth import RequestMeta, evidence, is_fresh
from config.workflow import Transition, Workflow
from documents.enums import JobStatus
from documents.services import request_document
from emulation.clusters import current_term
from emulation.heads import headed_units
from emulation.models import User
from emulation.models.pledges import Delegation, PledgeVersion, Signature, SignatureSlot
from emulation.pledges import policy
from emulation.pledges.codes import random_code
from emulation.pledges.enums import AuthMethod, EventKind, SlotStatus, VersionStatus
from emulation.pledges.history import append_event
from emulation.pledges.notices import notify_staff_of_decline
from emulation.pledges.services import VERSION_WORKFLOW, PledgeError, set_version_status

PLEDGE_DOCUMENT = "pledge"
PLEDGE_FINAL_DOCUMENT = "pledge_final"


# Opening for signature ------------------------------------------------------------------------


def _new_verification_code() -> str:
    while True:
        code = random_code()
        if not PledgeVersion.objects.filter(verification_code=code).exists():
            return code


def _represented_issuer(unit, day: datetime.date) -> str:
    """The issuing name of the authority `unit` stands for on `day` ("ỦY BAN NHÂN DÂN PHƯỜNG
    SÀI GÒN"), whose chairperson signs for it."""
    identity = unit.represents.identity_on(day)
    return identity.issuer_name if identity else unit.name


def freeze_content(version: PledgeVersion, *, head_unit_id: int | None) -> dict:
    """The content as signed: every value the PDF shows, copied so that later edits of units,
    targets or activities cannot change what a signature refers to."""
    cluster = version.pledge.cluster
    day = clock.today()
    term = current_term(cluster, day)
    members = cluster.memberships.select_related("unit__represents").order_by(
        "sort_order", "unit__name"
    )
    items = version.items.select_related("target").order_by("sort_order", "pk")
    return {
        "cluster": {
            "name": cluster.name,
            "kind": cluster.kind,
            "kind_label": str(cluster.get_kind_display()),
            "year": cluster.year,
            "code": cluster.code,
        },
        "title": version.title,
        "slogan": version.slogan,
        "score_table_reference": version.score_table_reference,
        "deadline": version.deadline.isoformat() if version.deadline else None,
        "head_unit": term.head_unit.name if term else None,
        "deputy_unit": term.deputy_unit.name if term and term.deputy_unit else None,
        "members": [
            {
                "unit_id": m.unit_id,
                "code": m.unit.code,
                "name": m.unit.name,
                "is_head": m.unit_id == head_unit_id,
                # Only for a unit that stands for another authority: the frozen content of
                # every other pledge stays as it was.
                **(
                    {"represented_issuer": _represented_issuer(m.unit, day)}
                    if m.unit.represents_id
                    else {}
                ),
            }
            for m in members
        ],
        "items": [
            {
                "kind": item.kind,
                "section": item.section,
                "text": item.text,
                "target": (
                    {
                        "code": item.target.code,
                        "name": item.target.name,
                        "plan_value": str(item.target.plan_value),
                        "unit_of_measure": item.target.unit_of_measure,
                    }
                    if item.target_id
                    else None
                ),
            }
            for item in items
        ],
        "activities": [
            {
                "kind": activity.kind,
                "kind_label": str(activity.get_kind_display()),
                "title": activity.title,
                "date": activity.date.isoformat(),
                "place": activity.place,
            }
            for activity in version.activities.order_by("date", "pk")
        ],
    }


def open_for_signature(*, version: PledgeVersion, by: User) -> PledgeVersion:
    """Freeze the draft and ask the worker for the PDF the members will sign (mở ký).

    Preconditions: the version is a draft, the cluster has members and the pledge at least one
    commitment; `by` holds `pledges.open_version` (TransitionRefused otherwise). Side
    effects: `content` and the verification code are set, one signature slot per member unit
    is created, a `pledge` document job is queued (published after commit).
    """
    with translation.override("vi"), transaction.atomic():
        locked = (
            PledgeVersion.objects.select_for_update(of=("self",))
            .select_related("pledge__cluster")
            .get(pk=version.pk)
        )
        if locked.status != VersionStatus.DRAFT:
            raise PledgeError(_("Chỉ mở ký được bản dự thảo."))
        cluster = locked.pledge.cluster
        member_ids = list(
            cluster.memberships.order_by("sort_order", "unit__name").values_list(
                "unit_id", flat=True
            )
        )
        if not member_ids:
            raise PledgeError(_("Cụm, khối chưa có đơn vị thành viên."))
        if not locked.items.exists():
            raise PledgeError(_("Giao ước chưa có nội dung cam kết nào."))
        term = current_term(cluster, clock.today())
        head_unit_id = term.head_unit_id if term else None
        content = freeze_content(locked, head_unit_id=head_unit_id)
        SignatureSlot.objects.bulk_create(
            SignatureSlot(
                version=locked,
                unit_id=unit_id,
                sort_order=index,
                is_head_unit=unit_id == head_unit_id,
            )
            for index, unit_id in enumerate(member_ids)
        )
        job = request_document(kind=PLEDGE_DOCUMENT, params={"version_id": locked.pk}, user=by)
        VERSION_WORKFLOW.apply(
            locked,
            VersionStatus.OPEN,
            by=by,
            content=content,
            verification_code=_new_verification_code(),
            document_job=job,
            opened_at=timezone.now(),
        )
        append_event(
            pledge_id=locked.pledge_id,
            kind=EventKind.OPENED,
            version_id=locked.pk,
            actor=by,
            data={"job": job.pk, "members": len(member_ids)},
        )
    return locked


# Signing ------------------------------------------------------------------------------------


# A unit's place on an open version: signed, or declined with a reason (a unit that declined may
# still sign). The signing and declining services decide who may; the table keeps the moves.
SLOT_WORKFLOW = Workflow(
    model=SignatureSlot,
    state_field="status",
    transitions=[
        Transition(SlotStatus.PENDING, SlotStatus.SIGNED, "sign"),
        Transition(SlotStatus.DECLINED, SlotStatus.SIGNED, "sign"),
        Transition(SlotStatus.PENDING, SlotStatus.DECLINED, "decline"),
        Transition(SlotStatus.DECLINED, SlotStatus.DECLINED, "decline"),
    ],
    conflict_message=gettext_lazy("Giao ước vừa được người khác thay đổi. Vui lòng tải lại trang."),
)


def signing_slot(*, version: PledgeVersion, user: User, day: datetime.date):
    """The slot `user` may sign on `version` and the delegation that allows it (None for the
    head themself); None when the user signs for no member unit.

    Whoever heads a member unit on `day` (`emulation.heads`: its unit head, or the chairperson
    of the commune a province's unit stands for) signs its slot; another user of a member
    unit signs only with a delegation recorded for them that covers `day`.
    """
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return None
    slots = SignatureSlot.objects.filter(version=version).select_related("unit")
    headed = slots.filter(unit__in=headed_units(user, day)).order_by("sort_order", "pk").first()
    if headed is not None:
        return headed, None
    slot = slots.filter(unit_id=user.unit_id).first()
    if slot is None:
        return None
    delegation = (
        Delegation.objects.filter(
            unit_id=user.unit_id, delegate=user, valid_from__lte=day, valid_to__gte=day
        )
        .order_by("-valid_from")
        .first()
    )
    return (slot, delegation) if delegation else None


def file_sha256(job) -> str:
    """SHA-256 of the stored result file of `job`, read again from storage."""
    digest = hashlib.sha256()
    with job.result.open("rb") as handle:
        for chunk in iter(partial(handle.read, 1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sign_pledge(
    *,
    version: PledgeVersion,
    user: User,
    shown_hash: str,
    consent_version: str,
    auth_method: AuthMethod,
    authenticated_at: datetime.datetime,
    meta: RequestMeta,
) -> tuple[Signature, bool]:
    """Sign the user's slot of `version`; returns the signature and whether it is new.

    Preconditions (PledgeError otherwise, nothing written): the user heads a member unit or
    holds a dated delegation for it; the version is open and its deadline not passed (unless
    PLEDGE_SIGN_AFTER_DEADLINE); the stored PDF still has the hash the signer was shown and
    that hash is `shown_hash`; the consent text is the current one; the password was entered
    within PLEDGE_REAUTH_SECONDS; with "head signs last", every other slot is signed first.

    Idempotent: the version row is locked, so double clicks and parallel requests give one
    signature; a repeat by the same user returns the first one. The signature that fills the
    last slot completes the version (compare-and-set) and queues the final PDF once.
    """
    now = timezone.now()
    with translation.override("vi"), transaction.atomic():
        locked = (
            PledgeVersion.objects.select_for_update(of=("self",))
            .select_related("document_job")
            .get(pk=version.pk)
        )
        found = signing_slot(version=locked, user=user, day=clock.today())
        if found is None:
            raise PledgeError(_("Bạn không có quyền ký thay mặt đơn vị nào trong giao ước này."))
        slot, delegation = found
        existing = Signature.objects.filter(version=locked, unit_id=slot.unit_id).first()
        if existing is not None:
            if existing.user_id == user.pk:
                return existing, False
            raise PledgeError(_("Đơn vị đã ký giao ước này."))
        _check_can_sign(locked, slot, shown_hash, consent_version, authenticated_at, now)
        signature = Signature.objects.create(
            slot=slot,
            version=locked,
            unit_id=slot.unit_id,
            user=user,
            delegation=delegation,
            **evidence(
                user=user,
                shown_hash=shown_hash,
                consent_version=consent_version,
                auth_method=auth_method,
                signed_at=now,
                meta=meta,
            ),
        )
        SLOT_WORKFLOW.apply(slot, SlotStatus.SIGNED, by=user, check=False)
        append_event(
            pledge_id=locked.pledge_id,
            kind=EventKind.SIGNED,
            version_id=locked.pk,
            actor=user,
            unit_id=slot.unit_id,
            data={
                "signature": signature.pk,
                "role": user.role,
                "delegation": delegation.pk if delegation else None,
                "auth_method": str(auth_method),
                "consent_version": consent_version,
                "document_sha256": shown_hash,
                "ip_address": meta.ip_address,
                "user_agent": meta.user_agent,
                "session_key_hash": meta.session_key_hash,
            },
        )
        if not locked.slots.exclude(status=SlotStatus.SIGNED).exists():
            _complete(locked, by=user)
    return signature, True


def _check_can_sign(locked, slot, shown_hash, consent_version, authenticated_at, now) -> None:
    if locked.status == VersionStatus.COMPLETE:
        raise PledgeError(_("Giao ước đã được ký đủ; không ký thêm được."))
    if locked.status != VersionStatus.OPEN:
        raise PledgeError(_("Bản giao ước này không còn mở để ký."))
    if locked.deadline and clock.today() > locked.deadline and not policy.sign_after_deadline():
        raise PledgeError(_("Đã quá hạn ký giao ước."))
    job = locked.document_job
    if job is None or job.status != JobStatus.DONE or not job.result_sha256:
        raise PledgeError(_("Văn bản giao ước chưa tạo xong; chưa ký được."))
    if shown_hash != job.result_sha256 or file_sha256(job) != job.result_sha256:
        raise PledgeError(
            _("Văn bản đã thay đổi so với bản bạn đã xem. Hãy mở lại trang ký và xem lại.")
        )
    if consent_version != policy.CONSENT_VERSION:
        raise PledgeError(_("Lời đồng ý đã được cập nhật. Hãy đọc lại và ký lại."))
    if not is_fresh(authenticated_at, now):
        raise PledgeError(_("Cần nhập lại mật khẩu ngay trước khi ký."))
    if (
        locked.head_signs_last
        and slot.is_head_unit
        and locked.slots.exclude(pk=slot.pk).exclude(status=SlotStatus.SIGNED).exists()
    ):
        raise PledgeError(_("Đơn vị cụm trưởng ký sau khi các đơn vị khác đã ký."))


def _complete(locked: PledgeVersion, *, by: User) -> None:
    """Mark the version complete (once: compare-and-set) and queue its final PDF."""
    job = request_document(kind=PLEDGE_FINAL_DOCUMENT, params={"version_id": locked.pk}, user=by)
    set_version_status(locked, VersionStatus.COMPLETE, completed_at=timezone.now(), final_job=job)
    append_event(
        pledge_id=locked.pledge_id,
        kind=EventKind.COMPLETED,
        version_id=locked.pk,
        actor=by,
        data={"job": job.pk},
    )


def decline_pledge(
    *, version: PledgeVersion, user: User, reason: str, meta: RequestMeta
) -> SignatureSlot:
    """Decline to sign the user's slot, with a reason; authority staff are told by e-mail.

    Preconditions: the user may sign a slot of this open version which is not signed yet.
    """
    if not reason.strip():
        raise PledgeError(_("Hãy ghi lý do từ chối ký."))
    now = timezone.now()
    with translation.override("vi"), transaction.atomic():
        locked = PledgeVersion.objects.select_for_update().get(pk=version.pk)
        found = signing_slot(version=locked, user=user, day=clock.today())
        if found is None:
            raise PledgeError(_("Bạn không có quyền ký thay mặt đơn vị nào trong giao ước này."))
        slot, _delegation = found
        if locked.status != VersionStatus.OPEN:
            raise PledgeError(_("Bản giao ước này không còn mở để ký."))
        if slot.status == SlotStatus.SIGNED:
            raise PledgeError(_("Đơn vị đã ký giao ước này."))
        SLOT_WORKFLOW.apply(
            slot,
            SlotStatus.DECLINED,
            by=user,
            check=False,
            decline_reason=reason.strip(),
            declined_at=now,
        )
        append_event(
            pledge_id=locked.pledge_id,
            kind=EventKind.DECLINED,
            version_id=locked.pk,
            actor=user,
            unit_id=slot.unit_id,
            data={"reason": reason.strip(), "ip_address": meta.ip_address},
        )
        transaction.on_commit(partial(notify_staff_of_decline, slot.pk), robust=True)
    slot.refresh_from_db()
    return slot


def record_view(*, version: PledgeVersion, user: User, meta: RequestMeta) -> None:
    """Note in the history that `user` opened the document to sign, under the unit they sign
    for (a commune's chairperson opens it for the province's unit that stands for the
    commune)."""
    found = signing_slot(version=version, user=user, day=clock.today())
    append_event(
        pledge_id=version.pledge_id,
        kind=EventKind.VIEWED,
        version_id=version.pk,
        actor=user,
        unit_id=found[0].unit_id if found else user.unit_id,
        data={
            "document_sha256": version.document_sha256,
            "ip_address": meta.ip_address,
            "user_agent": meta.user_agent,
        },
    )
