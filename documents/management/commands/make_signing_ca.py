"""`manage.py make_signing_ca`: the demo's local CA and the authority's certificate.

`make run` (serve_demo) calls it, so that the demo signs its issued documents and checks
signatures with nothing set up. Written under SIGNING_DEMO_DIR (var/signing/, never committed),
once: the files are kept on later runs, so signatures made before stay verifiable.
Refused in production, where the certificate comes from a real CA (README.md, "Chữ ký số").
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.signing_ca import write_demo_material


class Command(BaseCommand):
    help = (
        "Tạo CA thử nghiệm và chứng thư số của cơ quan cho bản demo, trong var/signing/. "
        "(Local test CA and the authority's certificate for the demo.)"
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Không tạo CA thử nghiệm khi DJANGO_ENV=production; hãy cấu hình chứng thư số "
                "thật (DOCUMENT_SIGNING_PKCS12 hoặc DOCUMENT_SIGNING_PKCS11_MODULE)."
            )
        folder = settings.SIGNING_DEMO_DIR
        if write_demo_material(folder):
            self.stdout.write(f"signing: demo CA and authority certificate written to {folder}")
        else:
            self.stdout.write(f"signing: demo certificate kept in {folder}")
