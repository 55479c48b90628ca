"""Administration of awards: the catalogue and its rule sets are editable (a new version
without code); nominations and decisions are read-only."""

import html

import pytest
from django.urls import reverse

from awards.models import Award, AwardRuleSet
from tests.factories import UserFactory


@pytest.fixture
def admin_client(client, unit):
    client.force_login(
        UserFactory(is_staff=True, is_superuser=True, role="administrator", unit=unit)
    )
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "title", "row"),
    [
        ("award", "Chọn danh hiệu, hình thức khen thưởng để thay đổi", "Chiến sĩ thi đua cơ sở"),
        ("basesalary", "Chọn mức lương cơ sở để thay đổi", "Nghị định 73/2024/NĐ-CP"),
        ("personyear", "Chọn kết quả năm của cá nhân để thay đổi", "0 kết quả năm của cá nhân"),
    ],
)
def test_changelists_are_in_vietnamese(admin_client, model, title, row):
    body = html.unescape(
        admin_client.get(reverse(f"admin:awards_{model}_changelist")).content.decode()
    )
    assert (title in body, row in body) == (True, True)


@pytest.mark.django_db
def test_administrator_adds_a_rule_set_version(admin_client):
    award = Award.objects.get(code="cstdcs")
    url = reverse("admin:awards_award_change", args=[award.pk])
    existing = list(award.rule_sets.order_by("valid_from"))
    data = {
        "code": "cstdcs",
        "name": award.name,
        "category": "title",
        "for_individual": "on",
        "sort_order": 20,
        "rule_sets-TOTAL_FORMS": 3,
        "rule_sets-INITIAL_FORMS": 2,
        "rule_sets-MIN_NUM_FORMS": 0,
        "rule_sets-MAX_NUM_FORMS": 1000,
    }
    for index, rule_set in enumerate([*existing, None]):
        prefix = f"rule_sets-{index}-"
        values = {
            "valid_from": "01/01/2027"
            if rule_set is None
            else rule_set.valid_from.strftime("%d/%m/%Y"),
            "valid_to": ""
            if rule_set is None or rule_set.valid_to is None
            else rule_set.valid_to.strftime("%d/%m/%Y"),
            "legal_basis": "Quy chế mới",
            "coefficient": "1.00",
            "collective_multiplier": "2.00",
            "deciding_level": "authority",
            "min_months_worked": 10,
            "requires_initiative": "on",
            "max_ratio": "0.1000" if rule_set is None else "0.1500",
            "max_ratio_rounding": "floor",
            "min_member_ratio": "",
            "consecutive_years": 0,
            "requires_secret_ballot": "on",
            "public_notice_days": 5,
            "vote_threshold": "0.5000",
            "award": award.pk,
        }
        if rule_set is not None:
            values["id"] = rule_set.pk
        if index == 1:
            values["valid_to"] = "31/12/2026"
        data |= {prefix + key: value for key, value in values.items()}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    latest = AwardRuleSet.objects.filter(award=award).order_by("-valid_from").first()
    assert (str(latest.valid_from), latest.max_ratio) == (
        "2027-01-01",
        latest.max_ratio.__class__("0.1000"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["nomination", "decision", "councilsession"])
def test_workflow_records_cannot_be_added_in_admin(admin_client, model):
    assert admin_client.get(reverse(f"admin:awards_{model}_add")).status_code == 403
