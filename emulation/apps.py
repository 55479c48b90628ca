from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Thi đua")

    def ready(self) -> None:
        # Registers this app's document kinds with the document core.
        from emulation import documents  # noqa: F401
