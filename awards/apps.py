from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from awards import documents  # noqa: F401  (registers the document kinds)
