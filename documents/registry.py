"""Which document kinds exist and how each builds its HTML. Apps register theirs in `ready()`.

The document core knows no app: a kind brings its own builder, which receives the job and a
progress callback and returns the HTML to render and the file name to give the result.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.functional import Promise

from documents.signing import SignatureRequest

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class BuiltDocument:
    """What a builder returns: HTML for the shared renderer, or — for kinds that draw their
    own PDF (the certificates) — the finished `pdf` bytes and their `page_count`."""

    html: str
    filename: str
    # An issued document (decision, signed pledge, report) is stored as PDF/A.
    archival: bool = False
    pdf: bytes | None = None
    page_count: int = 0
    # An issued document that carries the authority's digital signature (PAdES, DOMAIN
    # §10.4): the worker signs the rendered file once (documents.signed_files.sign_issued).
    signature: SignatureRequest | None = None
    # An issued document the person with authority signs first, outside the product (a
    # decision, a report): the worker adds an empty signature field for that person at the
    # signature anchor (documents.sealing.prepare_for_signing); the body's seal follows when
    # the signed copy is filed (documents.signed_files.accept_signed_copy).
    for_personal_signature: bool = False
    # Instead of `pdf`, for a file too large to hold in memory (a decision's print of every
    # certificate): the finished file, written by the builder under MEDIA_ROOT; the worker
    # moves it into place as the job's result. Never signed afterwards.
    pdf_file: Path | None = None

    def __post_init__(self):
        if self.pdf_file is not None and (
            self.pdf is not None or self.signature is not None or self.for_personal_signature
        ):
            raise ValueError("a finished file is stored as it is: no bytes, no signature")


# The queue of the worker processes that take a kind's jobs (config/settings.py,
# TASK_QUEUE_NAMES): documents unless the kind says otherwise.
DOCUMENTS_QUEUE = "documents"


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str | Promise
    build: Callable[[Any, ProgressCallback], BuiltDocument]
    queue: str = DOCUMENTS_QUEUE


_KINDS: dict[str, DocumentKind] = {}


def register(code: str, *, label: str | Promise, queue: str = DOCUMENTS_QUEUE):
    """Decorator: `@register("unit_directory", label=_("Danh sách đơn vị"))` on a builder.
    `queue` names the workers that take the kind's jobs (an import: "imports")."""

    def decorator(build):
        if code in _KINDS and _KINDS[code].build is not build:
            raise ValueError(f"document kind {code!r} registered twice")
        _KINDS[code] = DocumentKind(code=code, label=label, build=build, queue=queue)
        return build

    return decorator


def get_kind(code: str) -> DocumentKind | None:
    return _KINDS.get(code)


def queue_for(code: str) -> str:
    """The queue a job of kind `code` (and its helpers) is published to."""
    kind = _KINDS.get(code)
    return kind.queue if kind else DOCUMENTS_QUEUE


def label_for(code: str) -> str | Promise:
    kind = _KINDS.get(code)
    return kind.label if kind else code
