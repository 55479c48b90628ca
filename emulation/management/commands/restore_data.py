"""Restore a backup made by `backup_data` into this database (migrated, its rows replaced):

    manage.py migrate && manage.py restore_data /srv/backups/2026-11-28 --yes

Every file is checked against the manifest first; after loading, every model's row count and
every media file's SHA-256 are checked again."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from emulation.management.backup import BackupError, restore


class Command(BaseCommand):
    help = _("Khôi phục bản sao lưu: thay toàn bộ dữ liệu của cơ sở dữ liệu này và chép lại tệp.")

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--yes",
            action="store_true",
            help=_("Xác nhận xóa dữ liệu hiện có trước khi khôi phục."),
        )

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError(_("Khôi phục xóa toàn bộ dữ liệu hiện có: thêm --yes để xác nhận."))
        try:
            manifest = restore(Path(options["directory"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"rows: {sum(manifest['counts'].values())}")
        self.stdout.write(f"files: {len(manifest['files'])}")
