"""Who may do what in the emulation app. Views and templates ask these permission names.

Facts are small predicates; permissions compose them. A unit outside the user's scope is not
"forbidden" but "not found" (views answer 404 through the scoped selectors), so that one unit
cannot learn what another holds.

The feature rules (`emulation/<feature>/rules.py`) compose the facts defined here and import
nothing else of the app's rules; `EmulationConfig.ready()` loads them, so no rules module
imports another that imports it back.
"""

import rules

from emulation.enums import AUTHORITY_WIDE_ROLES, UNIT_ROLES, Role


def _role_is(*roles: Role):
    @rules.predicate(name=f"role_in_{'_'.join(roles)}")
    def predicate(user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.role in roles

    return predicate


is_authority_staff = _role_is(Role.AUTHORITY_STAFF)
is_unit_head = _role_is(Role.UNIT_HEAD)
is_unit_clerk = _role_is(Role.UNIT_CLERK)
is_council_member = _role_is(Role.COUNCIL_MEMBER)
is_chairperson = _role_is(Role.CHAIRPERSON)
is_administrator = _role_is(Role.ADMINISTRATOR)
is_authority_wide = _role_is(*AUTHORITY_WIDE_ROLES)
is_unit_user = _role_is(*UNIT_ROLES)


@rules.predicate
def has_unit(user) -> bool:
    return bool(getattr(user, "unit_id", None))


@rules.predicate
def in_scope(user, unit) -> bool:
    """The unit is one the user works with: any unit of the authority for authority-wide
    roles, the user's own unit and the units under it for unit roles."""
    if unit is None or not getattr(user, "is_authenticated", False) or not user.unit_id:
        return False
    if unit.authority_id != user.unit.authority_id:
        return False
    if user.role in AUTHORITY_WIDE_ROLES:
        return True
    node = unit
    seen = set()
    while node is not None and node.pk not in seen:
        if node.pk == user.unit_id:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


any_role = has_unit & (is_authority_wide | is_unit_user)

rules.add_perm("emulation.view_units", any_role)
rules.add_perm("emulation.view_unit", any_role & in_scope)
rules.add_perm("emulation.print_unit_directory", any_role)
# What each unit still owes for the year: thi đua staff follow it up; the administrator helps.
rules.add_perm("emulation.view_outstanding", is_authority_staff | is_administrator)
# The document core keeps jobs private to their owner; administrators may see all of them.
rules.add_perm("documents.view_any_job", is_administrator)
