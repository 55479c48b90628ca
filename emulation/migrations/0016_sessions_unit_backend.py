"""Sessions opened under Django's ModelBackend name it as the backend that signed their user
in; Django ends a session whose backend is no longer in AUTHENTICATION_BACKENDS. The product's
backend is now config.authentication.UnitModelBackend (the same sign-in, the user read with
their unit): the stored sessions are moved to it, so nobody signed in at the upgrade is sent
to the sign-in page."""

from django.db import migrations

OLD_BACKEND = "django.contrib.auth.backends.ModelBackend"
NEW_BACKEND = "config.authentication.UnitModelBackend"
BACKEND_KEY = "_auth_user_backend"  # django.contrib.auth.BACKEND_SESSION_KEY


def _rename(apps, old: str, new: str) -> int:
    from django.contrib.sessions.backends.db import SessionStore

    session_model = apps.get_model("sessions", "Session")
    store = SessionStore()
    moved = 0
    for key, data in session_model.objects.values_list("session_key", "session_data").iterator():
        decoded = store.decode(data)
        if decoded.get(BACKEND_KEY) == old:
            decoded[BACKEND_KEY] = new
            session_model.objects.filter(session_key=key).update(session_data=store.encode(decoded))
            moved += 1
    return moved


def forwards(apps, schema_editor):
    _rename(apps, OLD_BACKEND, NEW_BACKEND)


def backwards(apps, schema_editor):
    _rename(apps, NEW_BACKEND, OLD_BACKEND)


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0015_actual_target_figures"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
