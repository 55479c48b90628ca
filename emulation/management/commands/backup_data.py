"""Write a backup of every record and media file to an empty directory:

    manage.py backup_data /srv/backups/2026-11-28

Restore it with `manage.py restore_data <dir>` (emulation/management/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from emulation.management.backup import BackupError, backup


class Command(BaseCommand):
    help = _("Sao lưu toàn bộ dữ liệu và tệp (kèm bảng băm SHA-256) vào một thư mục trống.")

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, **options):
        try:
            manifest = backup(Path(options["directory"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"rows: {sum(manifest['counts'].values())}")
        self.stdout.write(f"models: {len(manifest['counts'])}")
        self.stdout.write(f"files: {len(manifest['files'])}")
