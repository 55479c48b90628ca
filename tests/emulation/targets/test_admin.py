import pytest
from django.contrib import admin
from django.urls import reverse

from demo.targets import seed_demo_targets
from emulation.models import Actual, ActualChange, Target, TargetRuleSet
from emulation.targets import admin as targets_admin


def test_targets_admin_registers_models():
    for model in (Target, TargetRuleSet, Actual, ActualChange):
        assert admin.site.is_registered(model)
    assert targets_admin.ActualAdmin.has_change_permission(None, None) is False


@pytest.mark.parametrize(
    "name",
    [
        "emulation_target",
        "emulation_targetruleset",
        "emulation_actual",
        "emulation_actualchange",
        "emulation_reportingperiod",
        "emulation_targetimport",
    ],
)
def test_targets_admin_changelists_render(client, admin_user, authority, staff, name):
    seed_demo_targets(authority=authority, user=staff)
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200
    assert (
        response.context["cl"].result_count
        == {
            "emulation_target": 114,  # 38 targets in each of 2025, 2026 and 2027
            "emulation_targetruleset": 0,
            "emulation_actual": 190,
            "emulation_actualchange": 190,
            "emulation_reportingperiod": 4,
            "emulation_targetimport": 0,
        }[name]
    )
