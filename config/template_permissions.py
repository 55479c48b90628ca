"""`{% may "perm" user obj as name %}`: templates ask the same rules as views and services,
through `config.permissions.authorize` (no superuser shortcut, unlike `{% has_perm %}` and
`perms.`).

`{% available_actions obj as actions %}`: the moves the signed-in user may make on `obj` now,
from its workflow's transition table and the same rules (`config.workflow`); templates show
buttons from it, never from state literals.

The library belongs to no app: settings.TEMPLATES names it `permissions`, so the document
core's templates load it as the apps' do."""

from django import template

from config.permissions import authorize
from config.workflow import Actions
from config.workflow import available_actions as workflow_actions

register = template.Library()


@register.simple_tag
def may(perm: str, user, obj=None) -> bool:
    return authorize(user, perm, obj)


@register.simple_tag(takes_context=True)
def available_actions(context, obj) -> Actions:
    request = context.get("request")
    return workflow_actions(obj, getattr(request, "user", None))
