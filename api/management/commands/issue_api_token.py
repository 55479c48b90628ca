"""Issue a token to a client system: prints the token once; only its SHA-256 is kept."""

from django.core.management.base import BaseCommand, CommandError

from api.enums import TokenScope
from api.services import issue_token
from emulation.models import Authority


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho một hệ thống kết nối (in ra một lần duy nhất)."

    def add_arguments(self, parser):
        parser.add_argument("--authority", required=True, help="Mã cơ quan (Authority.code)")
        parser.add_argument("--scope", required=True, choices=TokenScope.values)
        parser.add_argument("--name", required=True, help="Tên hệ thống kết nối")

    def handle(self, *args, authority, scope, name, **options):
        found = Authority.objects.filter(code=authority).first()
        if found is None:
            raise CommandError(f"Không có cơ quan mã {authority!r}.")
        if not name.strip():
            raise CommandError("Tên hệ thống không được để trống.")
        client, token = issue_token(authority=found, scope=TokenScope(scope), name=name)
        self.stderr.write(
            f"Đã cấp cho {client.name} (#{client.pk}, {found.code}, {scope}). "
            "Mã chỉ in một lần, hãy lưu lại:"
        )
        self.stdout.write(token)
