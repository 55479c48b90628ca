"""A large synthetic authority for benchmarks, the same for the same seed.

    manage.py seed_demo --units 200 --people-per-unit 20 --seed 42 --authority-code bench
    manage.py seed_demo ... --replace     # delete the authority of that code first
    manage.py seed_demo --province --seed 42   # a province at real size (demo.province_scale)
    manage.py seed_demo --province --communes 3 --departments 1 --units-per-authority 4 ...

Prints one `name: value` line per count, then the time taken.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from config import clock
from demo.bench import bench_plan
from demo.province_scale import ProvinceSize
from demo.province_seed import SEEDED_MODELS, seed_province
from demo.rows import analyze
from demo.writers import AuthorityExists, create_authority, delete_authority, demo_password_hash

# The options of --province and the size they set (ProvinceSize's defaults: real size).
PROVINCE_OPTIONS = (
    "communes",
    "departments",
    "units_per_authority",
    "years",
    "nomination_lines",
    "heads_per_authority",
)


class Command(BaseCommand):
    help = _(
        "Sinh một cơ quan lớn (đơn vị, cá nhân, quá trình công tác, tài khoản) để đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=200)
        parser.add_argument("--people-per-unit", type=int, default=None)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--authority-code", default=None)
        parser.add_argument(
            "--province",
            action="store_true",
            help=_(
                "Sinh một tỉnh đủ cỡ: các xã, phường, sở ngành trực thuộc, đơn vị, cá nhân, "
                "mười năm khen thưởng, hồ sơ đề nghị năm nay, chỉ tiêu và tài khoản."
            ),
        )
        for option in PROVINCE_OPTIONS:
            parser.add_argument(
                "--" + option.replace("_", "-"),
                type=int,
                default=getattr(ProvinceSize, option),
            )
        parser.add_argument("--year", type=int, default=None)
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
        if options["province"]:
            self._province(options)
            return
        if options["people_per_unit"] is None:
            options["people_per_unit"] = 20
        self._check_positive(options, ("units", "people_per_unit"))
        code = options["authority_code"] or "bench"
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
        # The benches measure right after the seed: the planner must know the tables' sizes.
        analyze(SEEDED_MODELS)
        self._report(options, counts, started)

    def _province(self, options) -> None:
        if options["replace"]:
            raise CommandError(
                _("Không dùng --replace với --province: hãy dùng cơ sở dữ liệu mới.")
            )
        if options["people_per_unit"] is None:
            options["people_per_unit"] = ProvinceSize.people_per_unit
        self._check_positive(
            options, ("communes", "units_per_authority", "people_per_unit", "years")
        )
        self._check_positive(options, ("departments", "nomination_lines"), least=0)
        self._check_positive(options, ("heads_per_authority",), least=0)
        code = options["authority_code"] or "tinh"
        started = time.perf_counter()
        size = ProvinceSize(
            people_per_unit=options["people_per_unit"],
            **{option: options[option] for option in PROVINCE_OPTIONS},
        )
        try:
            counts = seed_province(
                code=code,
                size=size,
                seed=options["seed"],
                year=options["year"] or clock.today().year,
                password_hash=demo_password_hash(),
            )
        except AuthorityExists as error:
            raise CommandError(
                _("Đã có cơ quan mã %(code)s. Chọn mã khác.") % {"code": code}
            ) from error
        self._report(options, counts, started)

    def _check_positive(self, options, names, *, least: int = 1) -> None:
        for option in names:
            if options[option] < least:
                raise CommandError(
                    _("%(option)s phải từ %(least)s trở lên.")
                    % {"option": "--" + option.replace("_", "-"), "least": least}
                )

    def _report(self, options, counts: dict[str, int], started: float) -> None:
        if options["verbosity"] == 0:
            return
        for name, value in counts.items():
            self.stdout.write(f"{name}: {value}")
        self.stdout.write(f"seconds: {time.perf_counter() - started:.2f}")
