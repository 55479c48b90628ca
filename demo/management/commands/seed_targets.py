"""Targets for an existing authority: the demo figures, or a large synthetic set.

manage.py seed_targets --demo         # quan-1: 2025 closed, 2026 (35/38, 13), 2027 plan
manage.py seed_targets --demo --fixture fixtures/demo_targets.json
    # on a database holding only fixtures/demo.json: writes the demo targets fixture
manage.py seed_targets --authority-code bench --targets 40 --periods 4
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo.fixtures import build_fixture, serialize
from demo.rows import analyze
from demo.targets import demo_records, seed_bulk_targets, seed_demo_targets, stamp_demo_dates
from emulation.enums import Role
from emulation.models import Actual, Authority, ReportingPeriod, Target, User


class Command(BaseCommand):
    help = "Thêm chỉ tiêu và số liệu thực hiện cho một cơ quan đã có (dữ liệu mẫu hoặc thử tải)."

    def add_arguments(self, parser):
        parser.add_argument("--authority-code", default="quan-1")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Số liệu mẫu năm 2025–2027 (năm 2026: 35/38 chỉ tiêu).",
        )
        parser.add_argument("--targets", type=int, default=40, help="Số chỉ tiêu mỗi đơn vị.")
        parser.add_argument("--periods", type=int, default=4, help="Số kỳ có số liệu (1–5).")
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--fixture", help="Với --demo: ghi dữ liệu mẫu ra tệp JSON này.")

    def handle(self, *args, **options):
        authority = Authority.objects.filter(code=options["authority_code"]).first()
        if authority is None:
            raise CommandError(f"Không có cơ quan mã {options['authority_code']!r}.")
        users = User.objects.filter(unit__authority=authority).order_by("pk")
        user = users.filter(role=Role.AUTHORITY_STAFF).first() or users.first()
        if user is None:
            raise CommandError("Cơ quan chưa có người dùng nào để ghi là người nhập số liệu.")
        if options["demo"]:
            made = seed_demo_targets(authority=authority, user=user)
            stamp_demo_dates(authority=authority)
            self.stdout.write(f"demo targets created: {made}")
            if options["fixture"]:
                build_fixture(
                    "demo_targets",
                    lambda: serialize(demo_records(authority=authority)),
                    Path(options["fixture"]),
                )
                self.stdout.write(f"fixture written: {options['fixture']}")
            return
        if not 1 <= options["periods"] <= 5:
            raise CommandError("--periods phải từ 1 đến 5.")
        if Target.objects.filter(authority=authority, year=options["year"]).exists():
            raise CommandError(f"Năm {options['year']} đã có chỉ tiêu.")
        targets, actuals = seed_bulk_targets(
            authority=authority,
            user=user,
            targets=options["targets"],
            periods=options["periods"],
            year=options["year"],
        )
        analyze((Target, ReportingPeriod, Actual))
        self.stdout.write(f"targets: {targets}, actuals: {actuals}")
