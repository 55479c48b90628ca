"""`manage.py make_signing_ca`: the demo's local CA, the authority's certificate and seal, and
the chairperson's personal certificate and signature image.

`make run` (serve_demo) calls it, so that the demo seals its issued documents and checks
signatures with nothing set up, and the demo chairperson can sign an issued PDF with a
certificate of that CA, as with a USB token (README.md, "Chữ ký số"). serve_demo passes the
names from the demo's data (--authority-name, --place, --chair-name). Written under
SIGNING_DEMO_DIR (var/signing/, never committed), once: the files are kept on later runs, so
signatures made before stay verifiable. Refused in production, where the certificates come
from a real CA.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.signing_ca import DEMO_CHAIR_NAME, DEMO_SIGNER_NAME, write_demo_material


class Command(BaseCommand):
    help = (
        "Tạo CA thử nghiệm, chứng thư số và con dấu của cơ quan, chứng thư số của chủ tịch cho "
        "bản demo, trong var/signing/. (Local test CA and demo certificates.)"
    )

    def add_arguments(self, parser):
        parser.add_argument("--authority-name", default=DEMO_SIGNER_NAME)
        parser.add_argument("--place", default="")
        parser.add_argument("--chair-name", default=DEMO_CHAIR_NAME)

    def handle(self, *args, authority_name: str, place: str, chair_name: str, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Không tạo CA thử nghiệm khi DJANGO_ENV=production; hãy cấu hình chứng thư số "
                "thật (DOCUMENT_SIGNING_PKCS12 hoặc DOCUMENT_SIGNING_PKCS11_MODULE)."
            )
        folder = settings.SIGNING_DEMO_DIR
        names = {"authority_name": authority_name, "place": place, "chair_name": chair_name}
        if write_demo_material(folder, **names):
            self.stdout.write(f"signing: demo CA and certificates written to {folder}")
        else:
            self.stdout.write(f"signing: demo certificates kept in {folder}")
