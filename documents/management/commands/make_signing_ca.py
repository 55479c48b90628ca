"""`manage.py make_signing_ca`: the demo's local CA, the authority's certificate and seal, and
the chairperson's personal certificate and signature image.

`make run` (serve_demo) calls it, so that the demo seals its issued documents and checks
signatures with nothing set up, and the demo chairperson can sign an issued PDF with a
certificate of that CA, as with a USB token (README.md, "Chữ ký số"). The names come from the
demo's data when it is loaded. Written under SIGNING_DEMO_DIR (var/signing/, never committed),
once: the files are kept on later runs, so signatures made before stay verifiable.
Refused in production, where the certificates come from a real CA.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from config import clock
from documents.signing_ca import DEMO_CHAIR_NAME, DEMO_SIGNER_NAME, write_demo_material


def _demo_names() -> dict[str, str]:
    """The authority's issuer name and place and its chairperson's name, from the database."""
    from emulation.enums import Role
    from emulation.models import Authority, User

    names = {"authority_name": DEMO_SIGNER_NAME, "chair_name": DEMO_CHAIR_NAME}
    try:
        authority = Authority.objects.order_by("pk").first()
        identity = authority.identity_on(clock.today()) if authority else None
        chair = User.objects.filter(role=Role.CHAIRPERSON, is_active=True).order_by("pk").first()
    except DatabaseError:  # not migrated yet
        return names
    if identity is not None:
        names.update(authority_name=identity.issuer_name, place=identity.place_name)
    if chair is not None and chair.get_full_name():
        names["chair_name"] = chair.get_full_name()
    return names


class Command(BaseCommand):
    help = (
        "Tạo CA thử nghiệm, chứng thư số và con dấu của cơ quan, chứng thư số của chủ tịch cho "
        "bản demo, trong var/signing/. (Local test CA and demo certificates.)"
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Không tạo CA thử nghiệm khi DJANGO_ENV=production; hãy cấu hình chứng thư số "
                "thật (DOCUMENT_SIGNING_PKCS12 hoặc DOCUMENT_SIGNING_PKCS11_MODULE)."
            )
        folder = settings.SIGNING_DEMO_DIR
        if write_demo_material(folder, **_demo_names()):
            self.stdout.write(f"signing: demo CA and certificates written to {folder}")
        else:
            self.stdout.write(f"signing: demo certificates kept in {folder}")
