"""Writes fixtures/demo.json from `demo.district.demo_plan()`.

manage.py build_demo_fixture            # regenerate the committed fixture
manage.py build_demo_fixture --check    # fail if the committed fixture is out of date
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from demo.district import demo_plan
from demo.fixtures import FixtureCommand
from demo.writers import fixture_json


class Command(FixtureCommand):
    help = _("Tạo lại tệp dữ liệu mẫu fixtures/demo.json (cơ quan Quận 1 – Phường Sài Gòn).")
    fixture_name = "demo"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("Chỉ kiểm tra tệp đã có có trùng với dữ liệu sinh ra không."),
        )

    def build(self) -> str:
        # Made without a database: the plan is plain data; its counts are printed once written.
        self.plan = demo_plan()
        return fixture_json(self.plan)

    def handle(self, *args, output: Path, check: bool, **options):
        if not check:
            super().handle(*args, output=output, **options)
            return
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != self.build():
            raise CommandError(
                _("%(path)s chưa cập nhật: chạy manage.py build_demo_fixture.") % {"path": output}
            )
        self.stdout.write(_("%(path)s đã cập nhật.") % {"path": output})

    def written(self, path: Path) -> None:
        for name, value in self.plan.counts().items():
            self.stdout.write(f"{name}: {value}")
