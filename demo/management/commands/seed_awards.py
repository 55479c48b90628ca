"""Seeds the demo's awards data into a database that holds fixtures/demo.json.

manage.py seed_awards                                   # write the demo records and nominations
manage.py seed_awards --fixture fixtures/demo_awards.json   # and save them as a fixture
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from awards.models import PersonYear
from demo.awards import DEMO_AUTHORITY, demo_records, seed_demo_awards
from demo.fixtures import build_fixture, serialize
from emulation.models import Authority


class Command(BaseCommand):
    help = _("Tạo dữ liệu khen thưởng mẫu năm 2025 cho cơ quan mẫu (sau fixtures/demo.json).")

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, help=_("Ghi dữ liệu đã tạo ra tệp này."))

    def handle(self, *args, **options):
        authority = Authority.objects.filter(code=DEMO_AUTHORITY).first()
        if authority is None:
            raise CommandError(_("Chưa có cơ quan mẫu: chạy loaddata fixtures/demo.json trước."))
        if PersonYear.objects.filter(unit__authority=authority).exists():
            raise CommandError(_("Cơ quan mẫu đã có dữ liệu khen thưởng."))
        nominations = seed_demo_awards(authority=authority)
        self.stdout.write(_("Đã tạo %(count)s hồ sơ đề nghị.") % {"count": len(nominations)})
        if options["fixture"]:
            build_fixture(
                "demo_awards",
                lambda: serialize(demo_records(authority=authority)),
                options["fixture"],
            )
            self.stdout.write(str(options["fixture"]))
