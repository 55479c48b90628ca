"""The sign-in backend: Django's ModelBackend, whose signed-in user comes with their unit.

Nearly every page reads the user's unit: its authority scopes every query
(emulation.selectors.units_in_scope), and the header and home page show it. Read with the
user, in the query every request makes for the session's user, it costs no query of its own.

A session records the path of the backend that opened it, and Django ends one whose backend
is not in settings.AUTHENTICATION_BACKENDS: the sessions opened under Django's ModelBackend
before this one replaced it are moved to it by emulation/migrations/0016_sessions_unit_backend.py.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UnitModelBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("unit")
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        users = get_user_model()._default_manager.select_related("unit")
        try:
            user = await users.aget(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
