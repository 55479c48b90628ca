from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Outgoing e-mail (thư đi): kept with the change that caused it, sent by the mail worker.
    Imports neither app; both queue their messages through `outbox.services`."""

    name = "outbox"
    verbose_name = _("Thư đi")
