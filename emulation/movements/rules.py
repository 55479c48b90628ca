"""Who may do what with movements, registrations and exemplary stories. Loaded by
`EmulationConfig.ready()`. Objects outside the user's scope are answered 404 by the scoped selectors
before any permission is asked."""

import rules

from emulation.movements.enums import RegistrationState
from emulation.rules import (
    any_role,
    in_scope,
    is_administrator,
    is_authority_staff,
    is_unit_clerk,
    is_unit_head,
)

is_movement_staff = is_authority_staff | is_administrator


@rules.predicate
def own_registration(user, registration) -> bool:
    return registration is not None and registration.unit_id == user.unit_id


@rules.predicate
def registration_is_draft(user, registration) -> bool:
    return registration is not None and registration.state == RegistrationState.DRAFT


@rules.predicate
def exemplary_in_scope(user, exemplary) -> bool:
    return exemplary is not None and in_scope(user, exemplary.unit)


rules.add_perm("movements.view_movements", any_role)
rules.add_perm("movements.manage_movement", is_movement_staff)
rules.add_perm("movements.manage_registration", is_movement_staff)
rules.add_perm("movements.register", (is_unit_head | is_unit_clerk) & own_registration)
rules.add_perm(
    "movements.edit_registration",
    (is_unit_head | is_unit_clerk) & own_registration & registration_is_draft,
)
rules.add_perm("movements.submit_registration", is_unit_head & own_registration)
rules.add_perm("movements.view_exemplaries", any_role)
rules.add_perm("movements.create_exemplary", is_movement_staff | is_unit_head | is_unit_clerk)
rules.add_perm(
    "movements.edit_exemplary",
    is_movement_staff | ((is_unit_head | is_unit_clerk) & exemplary_in_scope),
)
