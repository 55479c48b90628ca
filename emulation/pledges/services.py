"""Writes of a pledge's versions: drafting, editing a draft, comments and amendments.

A version's status changes only through `VERSION_WORKFLOW` (`set_version_status`), a
compare-and-set on the row; opening for signature and signing are in `signing`, the
clusters' terms in `clusters`, e-mails in `notices`.
Every write appends to the pledge's hash-chained history (`history.append_event`).
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.workflow import Transition, TransitionRefused, Workflow
from emulation.models import User
from emulation.models.clusters import Cluster
from emulation.models.pledges import (
    Pledge,
    PledgeActivity,
    PledgeComment,
    PledgeItem,
    PledgeVersion,
)
from emulation.models.targets import Target
from emulation.pledges.enums import EventKind, ItemKind, VersionStatus
from emulation.pledges.history import append_event

logger = logging.getLogger(__name__)


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


def set_version_status(version: PledgeVersion, new_status: VersionStatus, **changes):
    """Move `version` to `new_status` with `changes`: VERSION_WORKFLOW applied as a system
    move (the caller decided). The one place that assigns `PledgeVersion.status`.

    TransitionRefused for a change outside the table, and with `conflict` when the row no
    longer has the status `version` was read with.
    """
    return VERSION_WORKFLOW.apply(version, new_status, check=False, **changes)


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
