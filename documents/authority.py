"""Which authority a user belongs to, as the document core needs it: a job is kept with the
authority of the user who asked for it, and an administrator sees the jobs of their own
authority. The core imports no app; settings.DOCUMENTS_AUTHORITY_OF names the function that
answers (user -> authority id, or None for a user outside any authority)."""

from django.conf import settings
from django.utils.module_loading import import_string


def authority_of(user) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return import_string(settings.DOCUMENTS_AUTHORITY_OF)(user)
