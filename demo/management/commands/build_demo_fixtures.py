"""Writes every fixtures/demo*.json in the order `make demo` loads them, each part built on
the parts before it. Run it on an empty, migrated database of its own:

VAR_DIR=/tmp/demo-build DATABASE_URL=sqlite:////tmp/demo-build/db.sqlite3 \\
    manage.py migrate && manage.py build_demo_fixtures [--output-dir DIR]

Each part is written by its own command (build_demo_fixture, seed_targets --demo, seed_awards,
build_pledge_demo_fixture, build_scoring_demo_fixture, build_movement_demo_fixture,
build_province_demo_fixture), then loaded,
so that the next part finds it. The result is the same on every run (`demo.clock`).
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.fixtures import FIXTURES_DIR
from emulation.models import Authority

# (fixture, command that writes it, its option naming the file), in loading order: the
# Makefile's DEMO_FIXTURES.
PARTS = (
    ("demo", "build_demo_fixture", "--output"),
    ("demo_targets", "seed_targets", "--fixture"),
    ("demo_awards", "seed_awards", "--fixture"),
    ("demo_pledges", "build_pledge_demo_fixture", "--output"),
    ("demo_scoring", "build_scoring_demo_fixture", "--output"),
    ("demo_movements", "build_movement_demo_fixture", "--output"),
    ("demo_province", "build_province_demo_fixture", "--output"),
)


class Command(BaseCommand):
    help = _(
        "Tạo lại mọi tệp dữ liệu mẫu fixtures/demo*.json trên một cơ sở dữ liệu trống "
        "(đã migrate), theo đúng thứ tự nạp."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=FIXTURES_DIR)

    def handle(self, *args, output_dir: Path, **options):
        if Authority.objects.exists():
            raise CommandError(
                _("Cơ sở dữ liệu đã có dữ liệu: chạy lệnh này trên một cơ sở dữ liệu trống.")
            )
        output_dir.mkdir(parents=True, exist_ok=True)
        for name, command, option in PARTS:
            path = output_dir / f"{name}.json"
            extra = ("--demo",) if command == "seed_targets" else ()
            call_command(command, *extra, f"{option}={path}", stdout=self.stdout)
            if command.startswith("build_"):
                call_command("loaddata", str(path), verbosity=0)
