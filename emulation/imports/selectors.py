"""Reads of the imports pages: what has been brought in so far, and each written file's
changes, scoped to the user's authority."""

from django.db.models import QuerySet

from emulation.imports.registry import kinds
from emulation.models import DataImport, User


def progress(user: User) -> list[dict]:
    """Each import kind, in the order a new authority brings its data in, with how many
    records the authority holds and the last file written."""
    authority = user.unit.authority
    written = written_imports(user)
    return [
        {
            "kind": kind,
            "count": kind.count(authority),
            "last": written.filter(kind=kind.slug).first(),
        }
        for kind in kinds()
    ]


def written_imports(user: User) -> QuerySet[DataImport]:
    return (
        DataImport.objects.filter(authority_id=user.unit.authority_id, committed_at__isnull=False)
        .select_related("uploaded_by")
        .order_by("-committed_at", "-pk")
    )
