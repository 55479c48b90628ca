"""`manage.py sign_as_demo_chair <issued.pdf> <signed.pdf>`: sign an issued decision or report
as the demo chairperson's USB token would, with the personal certificate `make_signing_ca`
made (var/signing/chair.p12), so the demo can walk DOMAIN §10.4's order: this signature first,
then the body's seal when the signed file is uploaded. Refused in production."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.signing_ca import DEMO_CHAIR_PASSWORD_FILE, DEMO_CHAIR_PKCS12_FILE, sign_as_person


class Command(BaseCommand):
    help = (
        "Ký tệp PDF đã ban hành bằng chứng thư số thử nghiệm của chủ tịch (bản demo). "
        "(Sign an issued PDF as the demo chairperson.)"
    )

    def add_arguments(self, parser):
        parser.add_argument("issued", type=Path)
        parser.add_argument("signed", type=Path)

    def handle(self, *args, issued: Path, signed: Path, **options):
        if settings.PRODUCTION:
            raise CommandError("Không ký bằng chứng thư thử nghiệm khi DJANGO_ENV=production.")
        folder = settings.SIGNING_DEMO_DIR
        certificate = folder / DEMO_CHAIR_PKCS12_FILE
        if not certificate.is_file():
            raise CommandError(
                f"Chưa có chứng thư số thử nghiệm của chủ tịch trong {folder}: "
                "chạy manage.py make_signing_ca trước."
            )
        if not issued.is_file():
            raise CommandError(f"Không tìm thấy tệp {issued}.")
        signed.write_bytes(
            sign_as_person(
                issued.read_bytes(),
                pkcs12_file=str(certificate),
                password=(folder / DEMO_CHAIR_PASSWORD_FILE).read_bytes().strip(),
            )
        )
        self.stdout.write(f"signed: {signed}")
