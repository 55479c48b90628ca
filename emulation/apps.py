from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Thi đua")

    def ready(self) -> None:
        # Imported at start-up: the document kinds and the permissions register themselves
        # (the feature rules are loaded here, not by emulation.rules, which they import);
        # movements add their home cards through the same hook as the awards app.
        from emulation import documents, rules  # noqa: F401
        from emulation.home import register_cards
        from emulation.movements import rules as movement_rules  # noqa: F401
        from emulation.movements.home import movement_cards
        from emulation.pledges import documents as pledge_documents  # noqa: F401
        from emulation.pledges import rules as pledge_rules  # noqa: F401
        from emulation.reports import documents as report_documents  # noqa: F401
        from emulation.reports import rules as report_rules  # noqa: F401
        from emulation.scoring import documents as scoring_documents  # noqa: F401
        from emulation.scoring import rules as scoring_rules  # noqa: F401
        from emulation.targets import documents as target_documents  # noqa: F401
        from emulation.targets import rules as target_rules  # noqa: F401

        register_cards(movement_cards)
        # The imports of the organisation; awards adds the title history the same way.
        from emulation.imports import rules as import_rules  # noqa: F401
        from emulation.imports.people import PeopleImport
        from emulation.imports.registry import register
        from emulation.imports.units import UnitsImport
        from emulation.targets.catalogue_import import TargetCatalogueImport

        register(UnitsImport())
        register(PeopleImport())
        register(TargetCatalogueImport())
        # The year-end report learns of scoring, movements and exemplary people by its hook.
        from emulation.movements.reports import register_report_sections as movement_sections
        from emulation.scoring.reports import register_report_sections as scoring_sections

        movement_sections()
        scoring_sections()
        # django-axes has no Vietnamese: its admin tables get their names here.
        from emulation.lockout_names import name_lockout_tables

        name_lockout_tables()
