from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Thi đua")

    def ready(self) -> None:
        # Imported for their side effect: they register this app's document kinds.
        from emulation import documents  # noqa: F401
        from emulation.pledges import documents as pledge_documents  # noqa: F401
        from emulation.reports import documents as report_documents  # noqa: F401
        from emulation.scoring import documents as scoring_documents  # noqa: F401
        from emulation.targets import documents as target_documents  # noqa: F401
