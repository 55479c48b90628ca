from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        # Imported at start-up: the document kinds register themselves; the home page (in
        # emulation, which never imports awards) learns this app's cards through its hook, and so
        # do the emulation pages that show this app's panels.
        from awards import documents  # noqa: F401
        from awards.catalogue.selectors import registrable_titles
        from awards.certificates import documents as certificates  # noqa: F401
        from awards.cluster_votes.selectors import closed_vote_counts
        from awards.home import award_cards
        from awards.outstanding import DOSSIERS
        from awards.panels import cluster_vote_panel, exemplary_panel
        from awards.reports import register_report_sections
        from awards.statistics import rules as statistics_rules  # noqa: F401
        from emulation.home import register_cards
        from emulation.movements.catalogue import register_title_source
        from emulation.movements.hooks import register_exemplary_panel
        from emulation.outstanding import register_column
        from emulation.scoring.hooks import register_round_panel, register_vote_source

        register_cards(award_cards)
        register_report_sections()
        register_title_source(registrable_titles)
        # The ranking's last tie-break reads the cluster votes' results (DOMAIN §7.4).
        register_vote_source(closed_vote_counts)
        # Pages of emulation that show awards: the round's vote box, the story's proposals.
        register_round_panel(cluster_vote_panel)
        register_exemplary_panel(exemplary_panel)
        # What each unit still owes: its dossiers being drafted or sent back.
        register_column(DOSSIERS)
        # "Nhập dữ liệu" (in emulation) offers the title history import that the rules read.
        from awards.records.history_import import TitleHistoryImport
        from awards.records.record_imports import (
            DisciplinesImport,
            InitiativesImport,
            UnitRatingsImport,
        )
        from emulation.imports.registry import register as register_import

        for kind in (
            TitleHistoryImport,
            InitiativesImport,
            DisciplinesImport,
            UnitRatingsImport,
        ):
            register_import(kind())
