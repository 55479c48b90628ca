"""The one permission decision of the product: views, templates and services all ask here.

Django's `user.has_perm` answers True to a superuser whatever the rules say, and django-rules'
`permission_required`, `PermissionRequiredMixin` and `{% has_perm %}` all go through it. The
administrator of the product is a role with its own rules, not a bypass, so these functions ask
the rule set (`rules.has_perm`) directly: a superuser gets exactly what its role gets. The Django
admin site keeps using `has_perm` (managing the tables is what a superuser is for).

The feature rules live in each feature's `rules.py`; a check with no rule gets one there, so that
the rule stays the single decision. Every app imports this module; it imports none.
"""

from functools import wraps

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class NotPermitted(PermissionDenied):
    """The rules refuse `perm` to the user. Views let it through (Django answers 403); a
    service's caller shows `str(error)`, a plain Vietnamese sentence."""

    def __init__(self, perm: str = "", message: str | None = None):
        self.perm = perm
        self.message = message
        super().__init__(perm)

    def __str__(self) -> str:
        return self.message or _("Bạn không có quyền thực hiện thao tác này.")


def authorize(user, perm: str, obj=None) -> bool:
    """Whether the rules grant `perm` (on `obj`) to `user`; no superuser shortcut.

    An anonymous or deactivated account is granted nothing; a permission no rule declares is
    refused.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_active", False):
        return False
    return rules.has_perm(perm, user, obj)


def require(user, perm: str, obj=None, *, message: str | None = None) -> None:
    """`authorize` or NotPermitted (with `message`, or the standard Vietnamese refusal)."""
    if not authorize(user, perm, obj):
        raise NotPermitted(perm, message)


def permission_required(perm: str):
    """View decorator: the signed-in user needs `perm` (without an object), else 403.

    Sign-in itself stays with `login_required`, placed above this decorator.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, perm)
            return view(request, *args, **kwargs)

        wrapped.permission = perm
        return wrapped

    return decorator
