"""Writes of clusters, blocs and pledges: terms and rotation, drafting, opening for signature,
signing, declining, completion, amendments and reminders.

A version's status changes only through `VERSION_WORKFLOW` (`set_version_status`), a
compare-and-set on the row.
Every write appends to the pledge's hash-chained history (`history.append_event`). Documents
are requested from the document core inside the same transaction and published after commit.
"""

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass
from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.network import client_address
from config.workflow import Transition, TransitionRefused, Workflow
from documents.enums import JobStatus
from documents.services import request_document
from emulation.clusters import current_term
from emulation.enums import Role
from emulation.models import Unit, User
from emulation.models.clusters import Cluster, ClusterMembership, ClusterTerm
from emulation.models.pledges import (
    Delegation,
    Pledge,
    PledgeActivity,
    PledgeComment,
    PledgeItem,
    PledgeVersion,
    Signature,
    SignatureSlot,
)
from emulation.models.targets import Target
from emulation.pledges import policy
from emulation.pledges.enums import (
    AuthMethod,
    EventKind,
    ItemKind,
    SlotStatus,
    VersionStatus,
)
from emulation.pledges.history import append_event

logger = logging.getLogger(__name__)

PLEDGE_DOCUMENT = "pledge"
PLEDGE_FINAL_DOCUMENT = "pledge_final"
# Letters and digits that cannot be mistaken for one another when typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class PledgeError(TransitionRefused):
    """A request the pledge's state or the user's rights do not allow; the message is
    Vietnamese and shown as is. A refusal like the workflow's, caught as one type."""


# The only status changes a pledge version may make. Opening is the user's move (asked with
# the rule); completion follows the last signature and superseding an amendment, both
# decided by the service that makes them.
VERSION_WORKFLOW = Workflow(
    model=PledgeVersion,
    state_field="status",
    transitions=[
        Transition(
            VersionStatus.DRAFT,
            VersionStatus.OPEN,
            "open",
            gettext_lazy("Chốt nội dung và mở ký"),
            permission="pledges.open_version",
        ),
        Transition(VersionStatus.DRAFT, VersionStatus.SUPERSEDED, "supersede"),
        Transition(VersionStatus.OPEN, VersionStatus.COMPLETE, "complete"),
        Transition(VersionStatus.OPEN, VersionStatus.SUPERSEDED, "supersede"),
    ],
    conflict_message=gettext_lazy("Giao ước vừa được người khác thay đổi. Vui lòng tải lại trang."),
)


@dataclass(frozen=True)
class RequestMeta:
    """What a request tells about where a signature came from."""

    ip_address: str | None
    user_agent: str
    session_key: str

    @property
    def session_key_hash(self) -> str:
        return hashlib.sha256(self.session_key.encode()).hexdigest()


def meta_from_request(request) -> RequestMeta:
    return RequestMeta(
        ip_address=client_address(request) or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
        session_key=request.session.session_key or "",
    )


def set_version_status(version: PledgeVersion, new_status: VersionStatus, **changes):
    """Move `version` to `new_status` with `changes`: VERSION_WORKFLOW applied as a system
    move (the caller decided). The one place that assigns `PledgeVersion.status`.

    TransitionRefused for a change outside the table, and with `conflict` when the row no
    longer has the status `version` was read with.
    """
    return VERSION_WORKFLOW.apply(version, new_status, check=False, **changes)


# Clusters, terms and rotation ------------------------------------------------------------------


def set_cluster_term(
    *,
    cluster: Cluster,
    head_unit: Unit,
    deputy_unit: Unit | None,
    valid_from: datetime.date,
    elected_at_meeting: str = "",
) -> ClusterTerm:
    """Record the head (cụm trưởng) and deputy (cụm phó) units from `valid_from`.

    Preconditions: both are members; the head is not the deputy; with the rotation setting
    (PLEDGE_NO_CONSECUTIVE_HEAD) the head did not lead the same cluster (same code) the year
    before. Side effects: the open term before it ends the day before.
    """
    member_ids = set(cluster.memberships.values_list("unit_id", flat=True))
    if head_unit.pk not in member_ids or (deputy_unit and deputy_unit.pk not in member_ids):
        raise PledgeError(_("Cụm trưởng và cụm phó phải là đơn vị thành viên."))
    if deputy_unit is not None and deputy_unit.pk == head_unit.pk:
        raise PledgeError(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."))
    if policy.no_consecutive_head():
        previous = Cluster.objects.filter(
            authority_id=cluster.authority_id, code=cluster.code, year=cluster.year - 1
        ).first()
        previous_term = current_term(previous) if previous else None
        if previous_term is not None and previous_term.head_unit_id == head_unit.pk:
            raise PledgeError(
                _(
                    "%(unit)s đã là cụm trưởng năm %(year)s; theo quy định luân phiên, "
                    "không làm cụm trưởng hai năm liền."
                )
                % {"unit": head_unit.name, "year": cluster.year - 1}
            )
    with transaction.atomic():
        cluster.terms.filter(valid_to__isnull=True, valid_from__lt=valid_from).update(
            valid_to=valid_from - datetime.timedelta(days=1)
        )
        return ClusterTerm.objects.create(
            cluster=cluster,
            head_unit=head_unit,
            deputy_unit=deputy_unit,
            valid_from=valid_from,
            elected_at_meeting=elected_at_meeting,
        )


def copy_clusters_to_year(*, authority, from_year: int, to_year: int) -> list[Cluster]:
    """Copy the clusters and blocs of `from_year` with their members to `to_year`; those
    whose code exists there already are skipped. Terms are not copied: the new head is
    elected at the year-end meeting. Returns the clusters created."""
    created = []
    with transaction.atomic():
        existing = set(
            Cluster.objects.filter(authority=authority, year=to_year).values_list("code", flat=True)
        )
        sources = Cluster.objects.filter(authority=authority, year=from_year).prefetch_related(
            "memberships"
        )
        for source in sources:
            if source.code in existing:
                continue
            cluster = Cluster.objects.create(
                authority=authority,
                kind=source.kind,
                year=to_year,
                code=source.code,
                name=source.name,
            )
            ClusterMembership.objects.bulk_create(
                ClusterMembership(cluster=cluster, unit_id=m.unit_id, sort_order=m.sort_order)
                for m in source.memberships.all()
            )
            created.append(cluster)
    return created


# Drafting -----------------------------------------------------------------------------------


def create_pledge(
    *,
    cluster: Cluster,
    by: User,
    title: str,
    slogan: str = "",
    score_table_reference: str = "",
    deadline: datetime.date | None = None,
    head_signs_last: bool = False,
) -> Pledge:
    """Create the cluster's pledge with its first draft version. One pledge per cluster."""
    with transaction.atomic():
        if Pledge.objects.filter(cluster=cluster).exists():
            raise PledgeError(_("Cụm, khối này đã có giao ước thi đua của năm."))
        pledge = Pledge.objects.create(cluster=cluster, created_by=by)
        version = PledgeVersion.objects.create(
            pledge=pledge,
            number=1,
            title=title,
            slogan=slogan,
            score_table_reference=score_table_reference,
            deadline=deadline,
            head_signs_last=head_signs_last,
        )
        append_event(pledge_id=pledge.pk, kind=EventKind.CREATED, version_id=version.pk, actor=by)
    return pledge


def add_comment(*, version: PledgeVersion, user: User, text: str) -> PledgeComment:
    """A member's comment on a draft (góp ý). Only drafts take comments."""
    with transaction.atomic():
        locked = PledgeVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status != VersionStatus.DRAFT:
            raise PledgeError(_("Chỉ góp ý được khi giao ước còn là dự thảo."))
        comment = PledgeComment.objects.create(
            version=locked, author=user, unit_id=user.unit_id, text=text
        )
        append_event(
            pledge_id=locked.pledge_id,
            kind=EventKind.COMMENTED,
            version_id=locked.pk,
            actor=user,
            unit_id=user.unit_id,
            data={"comment": comment.pk},
        )
    return comment


def latest_version(pledge: Pledge) -> PledgeVersion:
    return pledge.versions.order_by("-number").first()


def amend_pledge(*, version: PledgeVersion, by: User, reason: str) -> PledgeVersion:
    """Start a new draft version copied from `version` (sửa đổi giao ước).

    Preconditions: `version` is the latest one; a reason is given. Side effects: a draft or
    open `version` is superseded (its signatures stay readable); a complete one stays
    complete and the new version has to be signed again.
    """
    if not reason.strip():
        raise PledgeError(_("Hãy ghi lý do sửa đổi."))
    with transaction.atomic():
        locked = PledgeVersion.objects.select_for_update().get(pk=version.pk)
        number = locked.pledge.versions.aggregate(last=Max("number"))["last"]
        if locked.number != number:
            raise PledgeError(_("Chỉ sửa đổi được bản mới nhất của giao ước."))
        new = PledgeVersion.objects.create(
            pledge_id=locked.pledge_id,
            number=number + 1,
            title=locked.title,
            slogan=locked.slogan,
            score_table_reference=locked.score_table_reference,
            deadline=locked.deadline,
            head_signs_last=locked.head_signs_last,
            amendment_reason=reason.strip(),
        )
        for item in locked.items.all():
            item.pk, item.version = None, new
            item.save(force_insert=True)
        for activity in locked.activities.all():
            activity.pk, activity.version = None, new
            activity.save(force_insert=True)
        if locked.status in (VersionStatus.DRAFT, VersionStatus.OPEN):
            set_version_status(locked, VersionStatus.SUPERSEDED)
        append_event(
            pledge_id=locked.pledge_id,
            kind=EventKind.AMENDED,
            version_id=new.pk,
            actor=by,
            data={"from_version": locked.number, "to_version": new.number, "reason": reason},
        )
    return new


# Opening for signature ------------------------------------------------------------------------


def _new_verification_code() -> str:
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if not PledgeVersion.objects.filter(verification_code=code).exists():
            return code


def freeze_content(version: PledgeVersion, *, head_unit_id: int | None) -> dict:
    """The content as signed: every value the PDF shows, copied so that later edits of units,
    targets or activities cannot change what a signature refers to."""
    cluster = version.pledge.cluster
    term = current_term(cluster, timezone.localdate())
    members = cluster.memberships.select_related("unit").order_by("sort_order", "unit__name")
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
        term = current_term(cluster, timezone.localdate())
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


def signing_slot(*, version: PledgeVersion, user: User, day: datetime.date):
    """The slot `user` may sign on `version` and the delegation that allows it (None for the
    head themself); None when the user signs for no member unit.

    The head of a member unit signs its slot; another user of that unit signs only with a
    delegation recorded for them that covers `day`.
    """
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return None
    slot = SignatureSlot.objects.filter(version=version, unit_id=user.unit_id).first()
    if slot is None:
        return None
    if user.role == Role.UNIT_HEAD:
        return slot, None
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


def _signer_name(user: User) -> str:
    if user.person_id:
        return user.person.full_name
    return " ".join(p for p in (user.last_name, user.first_name) if p) or user.username


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
        found = signing_slot(version=locked, user=user, day=timezone.localdate(now))
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
            signer_name=_signer_name(user),
            role=user.role,
            delegation=delegation,
            auth_method=auth_method,
            consent_version=consent_version,
            document_sha256=shown_hash,
            signed_at=now,
            ip_address=meta.ip_address,
            user_agent=meta.user_agent,
            session_key_hash=meta.session_key_hash,
        )
        SignatureSlot.objects.filter(pk=slot.pk).update(status=SlotStatus.SIGNED)
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
    if (
        locked.deadline
        and timezone.localdate(now) > locked.deadline
        and not policy.sign_after_deadline()
    ):
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
    age = (now - authenticated_at).total_seconds()
    if age < 0 or age > policy.reauth_seconds():
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
        found = signing_slot(version=locked, user=user, day=timezone.localdate(now))
        if found is None:
            raise PledgeError(_("Bạn không có quyền ký thay mặt đơn vị nào trong giao ước này."))
        slot, _delegation = found
        if locked.status != VersionStatus.OPEN:
            raise PledgeError(_("Bản giao ước này không còn mở để ký."))
        if slot.status == SlotStatus.SIGNED:
            raise PledgeError(_("Đơn vị đã ký giao ước này."))
        SignatureSlot.objects.filter(pk=slot.pk).update(
            status=SlotStatus.DECLINED, decline_reason=reason.strip(), declined_at=now
        )
        append_event(
            pledge_id=locked.pledge_id,
            kind=EventKind.DECLINED,
            version_id=locked.pk,
            actor=user,
            unit_id=slot.unit_id,
            data={"reason": reason.strip(), "ip_address": meta.ip_address},
        )
        transaction.on_commit(partial(_notify_staff_of_decline, slot.pk), robust=True)
    slot.refresh_from_db()
    return slot


def _notify_staff_of_decline(slot_id: int) -> None:
    slot = SignatureSlot.objects.select_related("unit", "version__pledge__cluster").get(pk=slot_id)
    cluster = slot.version.pledge.cluster
    recipients = list(
        User.objects.filter(
            role=Role.AUTHORITY_STAFF,
            unit__authority_id=cluster.authority_id,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    with translation.override("vi"):
        subject = _("%(unit)s từ chối ký giao ước thi đua %(cluster)s") % {
            "unit": slot.unit.name,
            "cluster": cluster.name,
        }
        body = _("Lý do: %(reason)s") % {"reason": slot.decline_reason}
    send_mail(subject, body, None, recipients, fail_silently=True)


def record_view(*, version: PledgeVersion, user: User, meta: RequestMeta) -> None:
    """Note in the history that `user` opened the document to sign."""
    append_event(
        pledge_id=version.pledge_id,
        kind=EventKind.VIEWED,
        version_id=version.pk,
        actor=user,
        unit_id=user.unit_id,
        data={
            "document_sha256": version.document_sha256,
            "ip_address": meta.ip_address,
            "user_agent": meta.user_agent,
        },
    )


# Reminders ----------------------------------------------------------------------------------


def send_pledge_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail the heads of units that have not signed an open pledge, once a day per slot;
    returns how many slots were reminded. Used by the periodic task and the
    `send_pledge_reminders` command."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_day = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    slots = SignatureSlot.objects.filter(
        version__status=VersionStatus.OPEN, status=SlotStatus.PENDING
    ).select_related("unit", "version__pledge__cluster")
    reminded = 0
    for slot in slots:
        version = slot.version
        if version.deadline and version.deadline < today and not policy.sign_after_deadline():
            continue
        if version.events.filter(
            kind=EventKind.REMINDED, unit_id=slot.unit_id, created_at__gte=start_of_day
        ).exists():
            continue
        heads = list(
            User.objects.filter(unit_id=slot.unit_id, role=Role.UNIT_HEAD, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        with translation.override("vi"):
            subject = _("Nhắc ký giao ước thi đua %(cluster)s") % {
                "cluster": version.pledge.cluster.name
            }
            body = _(
                "Đơn vị %(unit)s chưa ký giao ước thi đua “%(title)s”. Hạn ký: %(deadline)s."
            ) % {
                "unit": slot.unit.name,
                "title": version.title,
                "deadline": version.deadline.strftime("%d/%m/%Y") if version.deadline else "—",
            }
        if heads:
            send_mail(subject, body, None, heads, fail_silently=True)
        append_event(
            pledge_id=version.pledge_id,
            kind=EventKind.REMINDED,
            version_id=version.pk,
            unit_id=slot.unit_id,
            data={"recipients": len(heads)},
        )
        reminded += 1
    return reminded


# Editing a draft ------------------------------------------------------------------------------

FROZEN_MESSAGE = gettext_lazy(
    "Giao ước đã mở ký nên nội dung đã chốt, không sửa được nữa. "
    "Muốn thay đổi, hãy tạo bản sửa đổi."
)


def pledge_targets(cluster: Cluster) -> QuerySet[Target]:
    """The targets a commitment of the cluster's pledge may name: the authority's targets of
    the cluster's year, given to the authority as a whole or to a member unit."""
    return (
        Target.objects.filter(authority_id=cluster.authority_id, year=cluster.year)
        .filter(Q(unit__isnull=True) | Q(unit_id__in=cluster.memberships.values("unit_id")))
        .order_by("sort_order", "code")
    )


def _locked_draft(version: PledgeVersion) -> PledgeVersion:
    """`version` locked for the rest of the transaction; PledgeError unless it is still the
    latest draft (its content is frozen once opened for signature)."""
    locked = (
        PledgeVersion.objects.select_for_update(of=("self",))
        .select_related("pledge__cluster")
        .get(pk=version.pk)
    )
    if locked.status != VersionStatus.DRAFT:
        raise PledgeError(str(FROZEN_MESSAGE))
    return locked


def _record_edit(locked: PledgeVersion, by: User, change: str, **data) -> None:
    """Every change to a draft joins the pledge's chained history: what changed, by whom."""
    append_event(
        pledge_id=locked.pledge_id,
        kind=EventKind.EDITED,
        version_id=locked.pk,
        actor=by,
        unit_id=by.unit_id,
        data={"change": change, **data},
    )


def update_draft(*, version: PledgeVersion, by: User, title: str, slogan: str = "") -> None:
    """Change the title and slogan of a draft. Preconditions: the version is a draft and the
    title is not empty."""
    if not title.strip():
        raise PledgeError(_("Hãy nhập tiêu đề giao ước."))
    with transaction.atomic():
        locked = _locked_draft(version)
        PledgeVersion.objects.filter(pk=locked.pk).update(
            title=title.strip(), slogan=slogan.strip()
        )
        _record_edit(locked, by, "title", title=title.strip(), slogan=slogan.strip())


def save_item(
    *,
    version: PledgeVersion,
    by: User,
    item: PledgeItem | None = None,
    text: str = "",
    section: str = "",
    target: Target | None = None,
    sort_order: int | None = None,
) -> PledgeItem:
    """Add a commitment to a draft, or change `item` (one of its commitments).

    A commitment is free text, or a target of the pledge's year in the cluster's scope
    (`pledge_targets`) whose name is the text when none is given; the plan value is read
    from the target until the draft is opened, when `freeze_content` copies it. Without
    `sort_order` a new commitment goes last and an edited one keeps its place.
    """
    text = text.strip() or (target.name if target is not None else "")
    if not text:
        raise PledgeError(_("Hãy nhập nội dung cam kết hoặc chọn một chỉ tiêu."))
    with transaction.atomic():
        locked = _locked_draft(version)
        if (
            target is not None
            and not pledge_targets(locked.pledge.cluster).filter(pk=target.pk).exists()
        ):
            raise PledgeError(
                _("Chỉ tiêu không thuộc năm của giao ước hoặc không giao cho các đơn vị trong cụm.")
            )
        if item is None:
            item = PledgeItem(version=locked)
            if sort_order is None:
                last = locked.items.aggregate(last=Max("sort_order"))["last"]
                sort_order = 0 if last is None else last + 1
        elif item.version_id != locked.pk:
            raise PledgeError(_("Nội dung cam kết không thuộc bản dự thảo này."))
        item.kind = ItemKind.TARGET if target is not None else ItemKind.FREE
        item.text, item.section, item.target = text, section.strip(), target
        if sort_order is not None:
            item.sort_order = sort_order
        item.save()
        _record_edit(locked, by, "item", item=item.pk, text=item.text, target=item.target_id)
    return item


def delete_item(*, version: PledgeVersion, by: User, item: PledgeItem) -> None:
    """Remove a commitment from a draft."""
    with transaction.atomic():
        locked = _locked_draft(version)
        if item.version_id != locked.pk:
            raise PledgeError(_("Nội dung cam kết không thuộc bản dự thảo này."))
        PledgeItem.objects.filter(pk=item.pk).delete()
        _record_edit(locked, by, "item_removed", item=item.pk, text=item.text)


def save_activity(
    *,
    version: PledgeVersion,
    by: User,
    activity: PledgeActivity | None = None,
    kind: str,
    title: str,
    date: datetime.date,
    place: str = "",
) -> PledgeActivity:
    """Add a dated activity of the cluster to a draft, or change `activity` (one of its)."""
    if not title.strip():
        raise PledgeError(_("Hãy nhập nội dung hoạt động."))
    with transaction.atomic():
        locked = _locked_draft(version)
        if activity is None:
            activity = PledgeActivity(version=locked)
        elif activity.version_id != locked.pk:
            raise PledgeError(_("Hoạt động không thuộc bản dự thảo này."))
        activity.kind, activity.title = kind, title.strip()
        activity.date, activity.place = date, place.strip()
        activity.save()
        _record_edit(
            locked,
            by,
            "activity",
            activity=activity.pk,
            title=activity.title,
            date=activity.date.isoformat(),
        )
    return activity


def delete_activity(*, version: PledgeVersion, by: User, activity: PledgeActivity) -> None:
    """Remove a dated activity from a draft."""
    with transaction.atomic():
        locked = _locked_draft(version)
        if activity.version_id != locked.pk:
            raise PledgeError(_("Hoạt động không thuộc bản dự thảo này."))
        PledgeActivity.objects.filter(pk=activity.pk).delete()
        _record_edit(locked, by, "activity_removed", activity=activity.pk, title=activity.title)
