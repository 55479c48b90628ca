"""Writes fixtures/demo.json from `emulation.demo.demo_plan()`.

manage.py build_demo_fixture            # regenerate the committed fixture
manage.py build_demo_fixture --check    # fail if the committed fixture is out of date
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from emulation.demo import DEMO_FIXTURE_PATH, demo_plan, fixture_json


class Command(BaseCommand):
    help = _("Tạo lại tệp dữ liệu mẫu fixtures/demo.json (cơ quan Quận 1 – Phường Sài Gòn).")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEMO_FIXTURE_PATH)
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("Chỉ kiểm tra tệp đã có có trùng với dữ liệu sinh ra không."),
        )

    def handle(self, *args, **options):
        output: Path = options["output"]
        plan = demo_plan()
        text = fixture_json(plan)
        if options["check"]:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != text:
                raise CommandError(
                    _("%(path)s chưa cập nhật: chạy manage.py build_demo_fixture.")
                    % {"path": output}
                )
            self.stdout.write(_("%(path)s đã cập nhật.") % {"path": output})
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        for name, value in plan.counts().items():
            self.stdout.write(f"{name}: {value}")
