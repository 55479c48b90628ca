from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The document core: jobs, the locked PDF renderer and its fonts. Imports neither app."""

    name = "documents"
    verbose_name = _("Tài liệu")

    def ready(self) -> None:
        # The public address printed in documents: its system check registers on import.
        from config import public_address  # noqa: F401
