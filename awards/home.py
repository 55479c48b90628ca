"""The awards app's cards on the home page, by role. `award_cards` is a card provider for the
home page's registration hook (emulation.home): one count query per card."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.council.selectors import ballots_for, notice_ended
from awards.decisions.selectors import decisions_for
from awards.enums import DecisionStatus, NominationState
from awards.nominations.selectors import nominations_for, reviewer_queue
from config.permissions import authorize
from emulation.enums import Role
from emulation.home import Card, Scope


def _nominations_card(scope: Scope) -> Card:
    waiting = nominations_for(scope.user).filter(
        state__in=[NominationState.DRAFT, NominationState.RETURNED]
    )
    return Card(
        title=_("Hồ sơ đề nghị khen thưởng"),
        text=_("Lập tờ trình, danh sách đề nghị và theo dõi tiến trình xét khen thưởng."),
        url=reverse("awards:nomination_list"),
        action=_("Xem hồ sơ"),
        count=waiting.count(),
        count_label=_("hồ sơ đang soạn hoặc bị trả lại"),
    )


def _records_card(scope: Scope) -> Card:
    year = scope.day.year - 1
    return Card(
        title=_("Kết quả năm của đơn vị"),
        text=_("Xếp loại và số tháng công tác của cán bộ: căn cứ xét danh hiệu thi đua."),
        url=reverse("awards:records", args=[scope.user.unit_id, year]),
        action=_("Nhập kết quả năm"),
    )


def _review_card(scope: Scope) -> Card:
    return Card(
        title=_("Hồ sơ chờ thẩm định"),
        text=_("Thẩm định theo dữ liệu, công khai danh sách, đưa ra Hội đồng."),
        url=reverse("awards:review_queue"),
        action=_("Thẩm định"),
        count=reviewer_queue(scope.user, state=NominationState.SUBMITTED).count(),
        count_label=_("hồ sơ chờ thẩm định"),
    )


def _sessions_card(scope: Scope) -> Card:
    ready = notice_ended(authority_id=scope.user.unit.authority_id, day=scope.day)
    return Card(
        title=_("Phiên họp Hội đồng"),
        text=_("Thành viên, điểm danh, bỏ phiếu kín và biên bản họp."),
        url=reverse("awards:session_list"),
        action=_("Xem phiên họp"),
        count=ready.count(),
        count_label=_("hồ sơ đã hết thời hạn công khai, chờ đưa ra Hội đồng"),
    )


def _ballots_card(scope: Scope) -> Card:
    rows = ballots_for(scope.user)
    return Card(
        title=_("Hồ sơ chờ bỏ phiếu"),
        text=_("Bỏ phiếu kín cho các hồ sơ của phiên họp Hội đồng."),
        url=reverse("awards:ballot_list"),
        action=_("Bỏ phiếu"),
        count=sum(not row["voted"] and not row["recused"] for row in rows),
        count_label=_("hồ sơ chưa bỏ phiếu"),
    )


def _decisions_card(scope: Scope) -> Card:
    drafts = decisions_for(scope.user).filter(status=DecisionStatus.DRAFT)
    return Card(
        title=_("Quyết định chờ ký"),
        text=_("Dự thảo quyết định khen thưởng: số được cấp khi ký."),
        url=reverse("awards:decision_list"),
        action=_("Xem quyết định"),
        count=drafts.count(),
        count_label=_("dự thảo chờ ký"),
    )


def _statistics_cards(scope: Scope) -> list[Card]:
    """The statistical forms' card, for whoever the rule lets read them."""
    if not authorize(scope.user, "statistics.view_forms"):
        return []
    return [
        Card(
            title=_("Biểu mẫu thống kê"),
            text=_(
                "Biểu 0601.N, 0603.N (Thông tư 02/2023/TT-BNV) theo năm và đến một ngày, "
                "gồm số liệu của các cơ quan trực thuộc; tải Excel."
            ),
            url=reverse("statistics:index"),
            action=_("Xem biểu mẫu"),
        )
    ]


def _role_cards(scope: Scope) -> list[Card]:
    role = scope.user.role
    if role in (Role.UNIT_HEAD, Role.UNIT_CLERK):
        return [_nominations_card(scope), _records_card(scope)]
    if role == Role.AUTHORITY_STAFF:
        return [_review_card(scope), _sessions_card(scope)]
    if role == Role.COUNCIL_MEMBER:
        return [_ballots_card(scope)]
    if role == Role.CHAIRPERSON:
        return [_decisions_card(scope), _ballots_card(scope)]
    return []


def award_cards(scope: Scope) -> list[Card]:
    """The awards cards for the scope's user, in the order shown."""
    return [*_role_cards(scope), *_statistics_cards(scope)]
