"""Export one year of an authority's commendation records for the national database, as the
API's /api/v1/exports/{year}.json or .xml answers it."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from api.national.document import national_export
from api.national.xml_form import to_xml
from api.routes import MAX_YEAR, MIN_YEAR
from emulation.models import Authority


def export_bytes(document: dict, form: str) -> bytes:
    """The file of `document` in `form` ("json", indented for a reader, or "xml"): the content
    the API serves."""
    if form == "xml":
        return to_xml(document)
    return json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n"


class Command(BaseCommand):
    help = "Xuất hồ sơ khen thưởng một năm của một cơ quan cho Cơ sở dữ liệu quốc gia."

    def add_arguments(self, parser):
        parser.add_argument("--authority", required=True, help="Mã cơ quan")
        parser.add_argument("--year", required=True, help="Năm thành tích")
        parser.add_argument("--format", required=True, choices=("json", "xml"), dest="form")
        parser.add_argument("--output", required=True, help="Tệp ghi ra")

    def handle(self, *args, authority, year, form, output, **options):
        found = Authority.objects.filter(code=authority).first()
        if found is None:
            raise CommandError(_("Không có cơ quan mã %(code)s.") % {"code": authority})
        if not year.isdigit() or not MIN_YEAR <= int(year) <= MAX_YEAR:
            raise CommandError(
                _("Năm %(year)s không hợp lệ: cần một năm từ %(min)s đến %(max)s.")
                % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
            )
        document = national_export(authority=found, year=int(year))
        Path(output).write_bytes(export_bytes(document, form))
        self.stderr.write(
            _("Đã xuất %(decisions)s quyết định, %(titles)s danh hiệu vào %(output)s.")
            % {
                "decisions": len(document["decisions"]),
                "titles": len(document["titles"]),
                "output": output,
            }
        )
