"""Writes fixtures/demo_scoring.json (see emulation.scoring.demo). Needs a database with the
demo loaded (fixtures/demo.json, targets, awards and pledges) and writes nothing to it."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from emulation.scoring.demo import DEMO_SCORING_PATH, build_fixture_json


class Command(BaseCommand):
    help = (
        "Tạo tệp dữ liệu mẫu chấm điểm, xếp hạng cụm, khối fixtures/demo_scoring.json "
        "(nạp sau fixtures/demo_pledges.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEMO_SCORING_PATH)

    def handle(self, *args, output: Path, **options):
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(build_fixture_json(), encoding="utf-8")
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": output})
