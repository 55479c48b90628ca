"""Writes fixtures/demo_movements.json (see emulation.movements.demo). Needs a database with the
demo authority loaded (fixtures/demo.json) and writes nothing to it."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from emulation.movements.demo import DEMO_MOVEMENTS_PATH, build_fixture_json


class Command(BaseCommand):
    help = (
        "Tạo tệp dữ liệu mẫu phong trào, đăng ký thi đua và điển hình tiên tiến "
        "fixtures/demo_movements.json (nạp sau fixtures/demo.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEMO_MOVEMENTS_PATH)

    def handle(self, *args, output: Path, **options):
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(build_fixture_json(), encoding="utf-8")
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": output})
