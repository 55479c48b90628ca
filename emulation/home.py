"""The home page: who the user is, and cards with the next steps their role (vai trò) offers.

Each role has one function that returns its cards, in the order they are shown. A later feature
adds its card by appending to the functions of the roles that use it; the template only draws
cards and makes no queries of its own.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from config.permissions import authorize
from emulation.enums import Role
from emulation.heads import headed_units
from emulation.models import AuthorityIdentity, Employment, User
from emulation.pledges.selectors import pending_slots_for_head
from emulation.selectors import units_in_scope
from emulation.templatetags.vn_format import vn_full_name


@dataclass(frozen=True)
class Card:
    """One next step. With `post` the action is a button that submits a form to `url`."""

    title: str | Promise
    text: str | Promise
    url: str
    action: str | Promise
    count: int | None = None
    count_label: str | Promise = ""
    post: bool = False


@dataclass
class Scope:
    """What the cards may mention: the user, the day, and the size of their scope.

    Each size is counted when a card first asks for it, one query each: the council's and the
    staff's cards show the units only, and the people count (distinct people over every
    current employment of the scope) was the home page's most expensive query."""

    user: User
    day: datetime.date

    def _units(self):
        return units_in_scope(self.user).valid_on(self.day)

    @cached_property
    def unit_count(self) -> int:
        """Units active on the day in the user's scope."""
        return self._units().count()

    @cached_property
    def people_count(self) -> int:
        """The people working on the day in those units."""
        return (
            Employment.objects.current_on(self.day)
            .filter(unit__in=self._units())
            .values("person_id")
            .distinct()
            .count()
        )


def _units_card(scope: Scope, *, title: str | Promise) -> Card:
    return Card(
        title=title,
        text=_("Tra cứu đơn vị, thủ trưởng và số cán bộ đang công tác."),
        url=reverse("emulation:unit_list"),
        action=_("Xem danh sách đơn vị"),
        count=scope.unit_count,
        count_label=_("đơn vị"),
    )


def _print_directory_card(scope: Scope, *, title: str | Promise) -> Card:
    return Card(
        title=title,
        text=_("Tạo tệp PDF danh sách đơn vị tại ngày hôm nay để in hoặc gửi đi."),
        url=reverse("emulation:unit_directory_print"),
        action=_("In danh sách (PDF)"),
        post=True,
    )


def _my_documents_card(scope: Scope) -> Card:
    return Card(
        title=_("Tài liệu của tôi"),
        text=_("Các tài liệu PDF bạn đã yêu cầu tạo và tải về khi đã xong."),
        url=reverse("documents:job_list"),
        action=_("Xem tài liệu"),
    )


def _my_unit_card(scope: Scope) -> Card:
    return Card(
        title=_("Đơn vị của tôi"),
        text=_("Thông tin đơn vị, thủ trưởng và các đơn vị trực thuộc."),
        url=reverse("emulation:unit_detail", args=[scope.user.unit_id]),
        action=_("Xem đơn vị"),
        count=scope.unit_count,
        count_label=_("đơn vị (kể cả trực thuộc)"),
    )


def _my_staff_card(scope: Scope) -> Card:
    return Card(
        title=_("Cán bộ của đơn vị"),
        text=_("Danh sách cán bộ đang công tác: chức vụ, ngạch và ngày bắt đầu."),
        url=reverse("emulation:unit_detail", args=[scope.user.unit_id]) + "#can-bo",
        action=_("Xem cán bộ"),
        count=scope.people_count,
        count_label=_("người đang công tác"),
    )


def _pledges_card(scope: Scope) -> Card:
    return Card(
        title=_("Giao ước thi đua"),
        text=_("Giao ước của các cụm, khối thi đua: đơn vị nào đã ký, còn đơn vị nào chưa ký."),
        url=reverse("pledges:list"),
        action=_("Xem giao ước"),
    )


def _pledges_to_sign_card(scope: Scope, *, text: str | Promise = "") -> Card:
    return Card(
        title=_("Giao ước chờ ký"),
        text=text or _("Giao ước thi đua của cụm, khối đang chờ thủ trưởng đơn vị ký."),
        url=reverse("pledges:list"),
        action=_("Xem và ký"),
        count=pending_slots_for_head(scope.user).count(),
        count_label=_("giao ước chờ ký"),
    )


def _targets_card(scope: Scope) -> Card:
    return Card(
        title=_("Chỉ tiêu năm"),
        text=_("Kết quả thực hiện chỉ tiêu: đạt, vượt, không đạt, theo nhóm và đơn vị."),
        url=reverse("targets:dashboard"),
        action=_("Xem kết quả chỉ tiêu"),
    )


def _year_end_report_card(scope: Scope) -> Card:
    return Card(
        title=_("Báo cáo tổng kết năm"),
        text=_("Báo cáo tổng kết công tác thi đua, khen thưởng và phụ lục số liệu theo năm."),
        url=reverse("reports:year_end"),
        action=_("Tạo báo cáo"),
    )


def _outstanding_card(scope: Scope) -> Card:
    return Card(
        title=_("Việc còn thiếu của đơn vị"),
        text=_("Chữ ký giao ước, số liệu chỉ tiêu, đăng ký danh hiệu, hồ sơ khen thưởng."),
        url=reverse("emulation:outstanding"),
        action=_("Xem đơn vị còn thiếu"),
    )


def authority_staff_cards(scope: Scope) -> list[Card]:
    return [
        _outstanding_card(scope),
        _targets_card(scope),
        _units_card(scope, title=_("Danh mục đơn vị")),
        _print_directory_card(scope, title=_("In danh sách đơn vị")),
        _my_documents_card(scope),
        _pledges_card(scope),
        *_report_cards(scope),
    ]


def unit_head_cards(scope: Scope) -> list[Card]:
    return [
        _my_unit_card(scope),
        _targets_card(scope),
        _my_staff_card(scope),
        _print_directory_card(scope, title=_("In danh sách đơn vị của tôi")),
        _pledges_to_sign_card(scope),
    ]


def unit_clerk_cards(scope: Scope) -> list[Card]:
    return [_my_unit_card(scope), _targets_card(scope), _my_staff_card(scope)]


def _report_cards(scope: Scope) -> list[Card]:
    """The year-end report's card, for whoever the rule lets request it."""
    if authorize(scope.user, "reports.year_end_report"):
        return [_year_end_report_card(scope)]
    return []


def council_cards(scope: Scope) -> list[Card]:
    """Council members and the chairperson (Chủ tịch) start from the authority's units; the
    chairperson, who signs the year-end report, also reaches it from here."""
    return [
        _targets_card(scope),
        _units_card(scope, title=_("Các đơn vị của cơ quan")),
        *_report_cards(scope),
    ]


def chairperson_cards(scope: Scope) -> list[Card]:
    """The council's cards; and, where a superior's unit stands for the chairperson's commune
    (the province's clusters of communes), the pledges they sign in the commune's name."""
    cards = council_cards(scope)
    if headed_units(scope.user, scope.day).exists():
        cards.append(
            _pledges_to_sign_card(
                scope,
                text=_("Giao ước của cụm, khối thi đua cấp trên, Chủ tịch ký thay mặt địa phương."),
            )
        )
    return cards


def administrator_cards(scope: Scope) -> list[Card]:
    return [
        Card(
            title=_("Trang quản trị"),
            text=_("Người dùng, đơn vị, cán bộ và dữ liệu danh mục."),
            url=reverse("admin:index"),
            action=_("Mở trang quản trị"),
        ),
        _units_card(scope, title=_("Tất cả đơn vị")),
        *_report_cards(scope),
    ]


CARDS_BY_ROLE: dict[str, Callable[[Scope], list[Card]]] = {
    Role.AUTHORITY_STAFF: authority_staff_cards,
    Role.UNIT_HEAD: unit_head_cards,
    Role.UNIT_CLERK: unit_clerk_cards,
    Role.COUNCIL_MEMBER: council_cards,
    Role.CHAIRPERSON: chairperson_cards,
    Role.ADMINISTRATOR: administrator_cards,
}


CardProvider = Callable[[Scope], list[Card]]
# Cards of features in other apps (awards imports emulation, never the reverse): each app
# registers one provider in its AppConfig.ready(); a provider returns the cards for the
# scope's user, or none.
_CARD_PROVIDERS: list[CardProvider] = []


def register_cards(provider: CardProvider) -> CardProvider:
    """Add a provider of home cards; registering the same one twice has no effect."""
    if provider not in _CARD_PROVIDERS:
        _CARD_PROVIDERS.append(provider)
    return provider


def home_context(*, user: User, day: datetime.date) -> dict:
    """Everything the home template shows. A user without a unit or role gets no cards."""
    unit = user.unit if user.unit_id else None
    identity = AuthorityIdentity.of_authority_on(unit.authority_id, day) if unit else None
    build = CARDS_BY_ROLE.get(user.role)
    cards: list[Card] = []
    if unit and build:
        scope = Scope(user=user, day=day)
        cards = build(scope)
        for provider in _CARD_PROVIDERS:
            cards.extend(provider(scope))
    return {
        "display_name": vn_full_name(user),
        "role_label": user.get_role_display() if user.role else "",
        "unit": unit,
        "authority_name": identity.name if identity else "",
        "cards": cards,
        "day": day,
    }
