"""Home cards of movements, registration and exemplary stories, registered with the home
page's hook (emulation.home.register_cards). One count query at most per card."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.enums import Role
from emulation.home import Card, Scope
from emulation.movements import selectors
from emulation.movements.enums import RegistrationState


def _movements_card(scope: Scope) -> Card:
    return Card(
        title=_("Phong trào thi đua"),
        text=_("Phong trào đang phát động, văn bản, sơ kết và tổng kết."),
        url=reverse("movements:list"),
        action=_("Xem phong trào"),
        count=selectors.movements_in_scope(scope.user).count(),
        count_label=_("phong trào"),
    )


def _exemplary_card(scope: Scope) -> Card:
    return Card(
        title=_("Điển hình tiên tiến"),
        text=_("Gương người tốt việc tốt, tập thể tiêu biểu; đề nghị tặng Giấy khen."),
        url=reverse("movements:exemplary_list"),
        action=_("Xem điển hình"),
    )


def _registration_staff_card(scope: Scope) -> Card:
    return Card(
        title=_("Đăng ký thi đua"),
        text=_("Mở đợt đăng ký đầu năm, theo dõi đơn vị đã và chưa đăng ký."),
        url=reverse("movements:registration_overview") + f"?nam={scope.day.year}",
        action=_("Theo dõi đăng ký"),
    )


def _registration_unit_card(scope: Scope) -> Card | None:
    round_ = selectors.rounds_for(scope.user).filter(year=scope.day.year).first()
    if round_ is None:
        return None
    submitted = round_.registrations.filter(
        unit_id=scope.user.unit_id, state=RegistrationState.SUBMITTED
    ).exists()
    return Card(
        title=_("Đăng ký thi đua của đơn vị"),
        text=_("Đã gửi bản đăng ký.")
        if submitted
        else _("Đăng ký danh hiệu cho đơn vị và cán bộ trước hạn %(day)s.")
        % {"day": round_.deadline.strftime("%d/%m/%Y")},
        url=reverse("movements:registration_mine", args=[round_.year]),
        action=_("Mở bản đăng ký"),
    )


def movement_cards(scope: Scope) -> list[Card]:
    role = scope.user.role
    if role == Role.AUTHORITY_STAFF:
        return [_movements_card(scope), _registration_staff_card(scope), _exemplary_card(scope)]
    if role == Role.ADMINISTRATOR:
        # Administrators start from the admin site; the movements are one click away in the nav.
        return []
    if role in (Role.UNIT_HEAD, Role.UNIT_CLERK):
        registration = _registration_unit_card(scope)
        cards = [_movements_card(scope), _exemplary_card(scope)]
        return [registration, *cards] if registration else cards
    return [_movements_card(scope)]
