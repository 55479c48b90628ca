import pytest

from emulation import home
from emulation.enums import Role


@pytest.fixture
def extra_provider():
    def provider(scope):
        if scope.user.role != Role.CHAIRPERSON:
            return []
        return [home.Card(title="Lịch tiếp công dân", text="2 buổi", url="/", action="Ký")]

    home.register_cards(provider)
    home.register_cards(provider)
    yield provider
    home._CARD_PROVIDERS.remove(provider)


@pytest.mark.django_db
def test_registered_cards_follow_the_role_cards_once(client, make_user, unit, extra_provider):
    chair = make_user(Role.CHAIRPERSON, unit)
    clerk = make_user(Role.UNIT_CLERK, unit)

    client.force_login(chair)
    chair_page = client.get("/").content.decode()
    client.force_login(clerk)
    clerk_page = client.get("/").content.decode()

    assert chair_page.count('<h3 class="card-title">Lịch tiếp công dân</h3>') == 1
    assert chair_page.index("Các đơn vị của cơ quan") < chair_page.index("Lịch tiếp công dân")
    assert "Lịch tiếp công dân" not in clerk_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.AUTHORITY_STAFF, True),
        (Role.CHAIRPERSON, True),
        (Role.ADMINISTRATOR, True),
        (Role.COUNCIL_MEMBER, False),
        (Role.UNIT_HEAD, False),
        (Role.UNIT_CLERK, False),
    ],
)
def test_the_year_end_report_card_follows_its_rule(client, make_user, unit, role, shown):
    """Whoever the rule lets request the report reaches it from the home page (the chairperson
    signs it); the others are not shown a card that would answer 403."""
    client.force_login(make_user(role, unit))
    page = client.get("/").content.decode()
    assert ('href="/bao-cao/tong-ket/"' in page) is shown
