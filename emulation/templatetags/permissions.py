"""`{% may "perm" user obj as name %}`: templates ask the same rules as views and services,
through `emulation.permissions.authorize` (no superuser shortcut, unlike `{% has_perm %}` and
`perms.`)."""

from django import template

from emulation.permissions import authorize

register = template.Library()


@register.simple_tag
def may(perm: str, user, obj=None) -> bool:
    return authorize(user, perm, obj)
