"""A large synthetic authority for benchmarks, the same for the same seed.

    manage.py seed_demo --units 200 --people-per-unit 20 --seed 42 --authority-code bench
    manage.py seed_demo ... --replace     # delete the authority of that code first

Prints one `name: value` line per count, then the time taken.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from demo.bench import bench_plan
from demo.writers import AuthorityExists, create_authority, delete_authority


class Command(BaseCommand):
    help = _(
        "Sinh một cơ quan lớn (đơn vị, cá nhân, quá trình công tác, tài khoản) để đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=200)
        parser.add_argument("--people-per-unit", type=int, default=20)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--authority-code", default="bench")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_("Xóa cơ quan cùng mã (và mọi đơn vị, cá nhân, tài khoản của nó) rồi tạo lại."),
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # The accounts share a published password and one of them is a superuser.
            raise CommandError(
                _("Không sinh dữ liệu thử trên hệ thống thật (DJANGO_ENV=production).")
            )
        for option in ("units", "people_per_unit"):
            if options[option] < 1:
                raise CommandError(
                    _("%(option)s phải từ 1 trở lên.") % {"option": "--" + option.replace("_", "-")}
                )
        code = options["authority_code"]
        started = time.perf_counter()
        plan = bench_plan(
            code=code,
            units=options["units"],
            people_per_unit=options["people_per_unit"],
            seed=options["seed"],
        )
        if options["replace"]:
            try:
                delete_authority(code=code)
            except ProtectedError as error:
                blocking = sorted({obj._meta.verbose_name for obj in error.protected_objects})
                raise CommandError(
                    _("Không xóa được cơ quan %(code)s: còn dữ liệu tham chiếu (%(models)s).")
                    % {"code": code, "models": ", ".join(str(name) for name in blocking)}
                ) from error
        try:
            counts = create_authority(plan)
        except AuthorityExists as error:
            raise CommandError(
                _("Đã có cơ quan mã %(code)s. Chọn mã khác hoặc thêm --replace để tạo lại.")
                % {"code": code}
            ) from error
        if options["verbosity"] == 0:
            return
        for name, value in counts.items():
            self.stdout.write(f"{name}: {value}")
        self.stdout.write(f"seconds: {time.perf_counter() - started:.2f}")
