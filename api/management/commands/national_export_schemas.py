"""Write the JSON schema and the XSD of the national exchange document again (after a change of
api/national/schemas.py)."""

from django.core.management.base import BaseCommand

from api.national.schema_files import write_schema_files


class Command(BaseCommand):
    help = "Ghi lại lược đồ JSON và XSD của tài liệu xuất cho Cơ sở dữ liệu quốc gia."

    def handle(self, *args, **options):
        for path in write_schema_files():
            self.stdout.write(str(path))
