"""Who may do what with targets (chỉ tiêu). Loaded by `EmulationConfig.ready()`.

Objects passed to the unit-level permissions are units; `None` stands for the authority's own
targets (chỉ tiêu chung), which only the authority's thi đua staff and administrators enter.
A unit outside the user's scope is answered 404 by the views before any permission is asked.
"""

import rules

from emulation.rules import (
    any_role,
    in_scope,
    is_administrator,
    is_authority_staff,
    is_authority_wide,
    is_unit_clerk,
    is_unit_head,
)

is_targets_staff = is_authority_staff | is_administrator


@rules.predicate
def is_authority_level(user, unit) -> bool:
    return unit is None


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    return unit is not None and in_scope(user, unit)


# Reading: everybody with a role sees their scope; authority-wide roles see the authority's
# own targets too.
can_view_targets = any_role & (unit_in_scope | (is_authority_level & is_authority_wide))
# Entering actuals: staff everywhere; a unit's head and clerk for their own units.
can_enter_actuals = is_targets_staff | ((is_unit_head | is_unit_clerk) & unit_in_scope)

rules.add_perm("targets.view_dashboard", any_role)
rules.add_perm("targets.view_targets", can_view_targets)
rules.add_perm("targets.enter_actuals", can_enter_actuals)
rules.add_perm("targets.import_actuals", can_enter_actuals)
rules.add_perm("targets.export_actuals", can_view_targets)
# A closed period stays writable for staff: they correct after the close, with a reason.
rules.add_perm("targets.write_closed_period", is_targets_staff)
rules.add_perm("targets.manage_periods", is_targets_staff)
rules.add_perm("targets.manage_catalogue", is_targets_staff)
