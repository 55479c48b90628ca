"""Read an export for the national database (JSON or XML) back into this database, as a new
authority."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from api.national.reading import ExportFileError, read_export
from api.national.services import ImportRefused, import_national_export
from emulation.models import User


class Command(BaseCommand):
    help = "Nhập tài liệu xuất cho Cơ sở dữ liệu quốc gia vào một cơ quan mới."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON hoặc XML đã xuất")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người nhập")
        parser.add_argument(
            "--authority", default="", help="Mã của cơ quan mới (mặc định: mã trong tệp)"
        )

    def handle(self, *args, file, user, authority, **options):
        importer = User.objects.filter(username=user, is_active=True).first()
        if importer is None:
            raise CommandError(_("Không có người dùng %(user)s.") % {"user": user})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không có tệp %(file)s.") % {"file": file})
        try:
            document = read_export(data=path.read_bytes())
            created = import_national_export(
                document=document, user=importer, authority_code=authority
            )
        except (ExportFileError, ImportRefused) as error:
            raise CommandError(str(error)) from error
        self.stderr.write(
            _("Đã nhập %(decisions)s quyết định, %(titles)s danh hiệu vào cơ quan %(code)s.")
            % {
                "decisions": len(document["decisions"]),
                "titles": len(document["titles"]),
                "code": created.code,
            }
        )
