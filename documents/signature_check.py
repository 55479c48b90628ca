"""Reading and checking the PAdES signatures of a PDF (DOMAIN §10.4).

For each signature: who signed (the certificate's subject), when, whether the signed bytes
are unchanged (intact), whether the cryptography holds (valid), whether the certificate chains
to one of the configured trust roots (`DOCUMENT_SIGNING_TRUST_ROOTS`) and was within its
validity period, and whether anything was changed in the file after it was signed beyond
what signing allows (further signatures, time stamps).

`check_signed_copy` is the door for a PDF signed outside the product (the chairperson's own
token): it must be a document the product issued — its signed revision begins with the exact
bytes of an issued file — and every signature in it must hold. Nothing is fetched from the
network (CRLs, OCSP): the product runs on intranets; revocation is checked in soft-fail mode.
"""

import datetime
import hashlib
import io
import logging
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.signing import AUTHORITY_FIELD, outside_event_loop, vietnam_time

logger = logging.getLogger(__name__)


ADDED_AFTER_SIGNING = gettext_lazy(
    "Tệp đã bị thay đổi sau khi ký (có nội dung thêm vào sau chữ ký)."
)


class SignatureRefused(Exception):
    """A signed file is not accepted; the message is Vietnamese and shown to the user."""


@dataclass(frozen=True)
class SignatureFinding:
    """What one signature of a file says, in terms a civil servant reads."""

    field_name: str
    signer: str
    issuer: str
    signed_at: datetime.datetime | None
    timestamped: bool
    intact: bool
    valid: bool
    trusted: bool
    expired: bool
    altered_after: bool
    # The byte offset where the signed revision ends: the signature covers content[:signed_until].
    signed_until: int

    @property
    def is_seal(self) -> bool:
        """The issuing body's signature added by the product (the seal), not a person's."""
        return self.field_name == AUTHORITY_FIELD

    @property
    def holds(self) -> bool:
        return not self.problem

    @property
    def signed_at_text(self) -> str:
        return vietnam_time(self.signed_at) if self.signed_at else ""

    @property
    def problem(self) -> str:
        """The first thing wrong, as a Vietnamese sentence; empty when the signature holds."""
        if not self.intact:
            return _("Nội dung đã bị sửa đổi sau khi ký: chữ ký không còn khớp với văn bản.")
        if not self.valid:
            return _("Chữ ký số không hợp lệ (sai về mật mã).")
        if self.altered_after:
            return str(ADDED_AFTER_SIGNING)
        if self.expired:
            return _("Chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực vào lúc ký.")
        if not self.trusted:
            return _(
                "Chứng thư số của người ký không do tổ chức chứng thực được tin cậy cấp "
                "(không nối được đến chứng thư gốc đã cấu hình)."
            )
        return ""


@cache
def _roots_from(paths: tuple[str, ...]) -> tuple:
    from asn1crypto import pem, x509

    roots = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            logger.warning("trust root %s does not exist; skipped", name)
            continue
        data = path.read_bytes()
        blocks = pem.unarmor(data, multiple=True) if pem.detect(data) else [(None, None, data)]
        roots.extend(x509.Certificate.load(der) for _kind, _headers, der in blocks)
    return tuple(roots)


def trust_roots() -> tuple:
    """The configured root certificates (asn1crypto), read once per list of files."""
    return _roots_from(tuple(settings.DOCUMENT_SIGNING_TRUST_ROOTS))


def _validation_context():
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=list(trust_roots()), allow_fetching=False, revocation_mode="soft-fail"
    )


# How many files' reviews of their revisions a process keeps (RememberedReviews).
REVIEWS_KEPT = 64


class RememberedReviews:
    """pyHanko's standard review of what a file's later revisions changed after a signature,
    and whether that signature allows it (`DEFAULT_DIFF_POLICY.review_file`), remembered per
    file. Its answer depends on the file's bytes alone, and it is the costly part of reading a
    signed document's signatures (a quarter of a sealed decision's 27 ms, up to 0.13 s for a
    year-end report): a page that shows a stored file's signatures on every view computes it
    once per process, for the REVIEWS_KEPT files read most recently. Everything else about a
    signature (its integrity, its cryptography, the certificate and its trust at this moment)
    is checked anew on every read."""

    def __init__(self, size: int = REVIEWS_KEPT):
        self.size = size
        self.answers: OrderedDict[tuple, object] = OrderedDict()
        self.lock = threading.Lock()

    def policy_for(self, content: bytes):
        """The diff policy with which the signatures of `content` are validated."""
        return _remembered_policy_class()(self, hashlib.sha256(content).digest())

    def answer(self, key: tuple, review: Callable[[], object]):
        with self.lock:
            if key in self.answers:
                self.answers.move_to_end(key)
                return self.answers[key]
        answer = review()
        with self.lock:
            self.answers[key] = answer
            while len(self.answers) > self.size:
                self.answers.popitem(last=False)
        return answer


@cache
def _remembered_policy_class():
    """pyHanko's DiffPolicy whose file reviews RememberedReviews keeps (pyHanko is imported
    when a signature is first read, not when the site starts)."""
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffPolicy

    class RememberedPolicy(DiffPolicy):
        def __init__(self, reviews: RememberedReviews, digest: bytes):
            self.reviews = reviews
            self.digest = digest

        def apply(self, *args, **kwargs):
            return DEFAULT_DIFF_POLICY.apply(*args, **kwargs)

        def review_file(self, reader, base_revision, field_mdp_spec=None, doc_mdp=None):
            def review():
                return DEFAULT_DIFF_POLICY.review_file(
                    reader, base_revision, field_mdp_spec=field_mdp_spec, doc_mdp=doc_mdp
                )

            if not isinstance(base_revision, int):  # a resolver: no key to keep it under
                return review()
            key = (self.digest, base_revision, repr(field_mdp_spec), doc_mdp)
            return self.reviews.answer(key, review)

    return RememberedPolicy


REVIEWS = RememberedReviews()


def _out_of_validity(certificate, moment: datetime.datetime) -> bool:
    validity = certificate["tbs_certificate"]["validity"]
    return not (validity["not_before"].native <= moment <= validity["not_after"].native)


def _finding(embedded, status) -> SignatureFinding:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    certificate = embedded.signer_cert
    timestamp = status.timestamp_validity
    timestamped = timestamp is not None and timestamp.valid and timestamp.intact
    signed_at = timestamp.timestamp if timestamped else status.signer_reported_dt
    # Without a trusted time stamp the certificate must be valid now (PAdES B-B); with one,
    # at the time it proves.
    moment = signed_at if timestamped else datetime.datetime.now(datetime.UTC)
    altered_after = status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.coverage != SignatureCoverageLevel.ENTIRE_REVISION
        or status.modification_level is None
        or status.modification_level > ModificationLevel.FORM_FILLING
        or status.docmdp_ok is False
    )
    _start, first, second_start, second_length = (int(value) for value in embedded.byte_range)
    return SignatureFinding(
        field_name=str(embedded.field_name),
        signer=certificate.subject.native.get("common_name", certificate.subject.human_friendly),
        issuer=certificate.issuer.native.get("common_name", certificate.issuer.human_friendly),
        signed_at=signed_at,
        timestamped=timestamped,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        expired=_out_of_validity(certificate, moment),
        altered_after=altered_after,
        signed_until=max(first, second_start + second_length),
    )


def _broken(embedded) -> SignatureFinding:
    """A signature whose container cannot even be read counts as altered and invalid."""
    return SignatureFinding(
        field_name=str(embedded.field_name),
        signer="",
        issuer="",
        signed_at=None,
        timestamped=False,
        intact=False,
        valid=False,
        trusted=False,
        expired=False,
        altered_after=True,
        signed_until=0,
    )


def _unreadable() -> tuple[type[BaseException], ...]:
    """What pyHanko raises on a damaged or hostile file, found by flipping random bytes of
    signed files: its PdfError and SignatureValidationError (a ValueError), broken streams
    (zlib.error), structures of the wrong type, assertions of its parser, number tokens it
    cannot convert (decimal.InvalidOperation). Each means
    "unreadable" or "altered", never a server error."""
    from pyhanko.pdf_utils.misc import PdfError

    return (
        PdfError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        AssertionError,
        zlib.error,
        RuntimeError,  # NotImplementedError (an unknown filter), RecursionError
        OSError,
        ArithmeticError,  # decimal.InvalidOperation: a number token broken by the change
    )


def read_signatures(content: bytes) -> list[SignatureFinding]:
    """Every signature of the PDF `content`, in file order, checked against the trust roots.

    Raises SignatureRefused when the bytes are not a PDF that can be read at all."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        embedded_signatures = list(reader.embedded_signatures)
    except _unreadable() as exc:
        logger.info("unreadable PDF (%s)", exc)
        raise SignatureRefused(_("Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF).")) from exc
    findings = []
    policy = REVIEWS.policy_for(content)
    for embedded in embedded_signatures:
        try:
            status = outside_event_loop(
                validate_pdf_signature, embedded, _validation_context(), diff_policy=policy
            )
        except _unreadable() as exc:
            logger.info("signature %s unreadable: %r", embedded.field_name, exc)
            findings.append(_broken(embedded))
            continue
        findings.append(_finding(embedded, status))
    return findings


def file_signatures(field) -> list[SignatureFinding]:
    """The signatures of a stored file (a FileField), checked now; none when it is missing or
    unreadable."""
    try:
        with field.open("rb") as handle:
            return read_signatures(handle.read())
    except (FileNotFoundError, SignatureRefused):
        return []


def check_signed_copy(
    content: bytes, *, issued: dict[str, bytes]
) -> tuple[str, list[SignatureFinding]]:
    """Accept `content`, a PDF signed outside the product, if it is one of the `issued` files
    (name → bytes) signed as it was issued, with every signature holding.

    Returns the name of the issued file it signs and its signatures in file order. Raises
    SignatureRefused with the first reason otherwise: no signature; the issued file itself, with
    no signature added; not a document the product issued (its signed revision does not begin
    with an issued file's bytes); a signature altered, invalid, expired, untrusted, or content
    added after the last signature.
    """
    if content in issued.values():
        raise SignatureRefused(
            _("Tệp là bản đã phát hành, chưa có thêm chữ ký số của người có thẩm quyền.")
        )
    findings = read_signatures(content)
    if not findings:
        raise SignatureRefused(_("Tệp không có chữ ký số nào."))
    newest = findings[-1]
    # The newest signature was added to the issued bytes: its signed revision starts with
    # them and reaches beyond them.
    matched = next(
        (
            name
            for name, original in issued.items()
            if original and newest.signed_until > len(original) and content.startswith(original)
        ),
        None,
    )
    if matched is None:
        if not newest.intact:
            raise SignatureRefused(newest.problem)
        raise SignatureRefused(
            _(
                "Tệp không phải văn bản do hệ thống ban hành: phần đã ký không chứa đúng tệp "
                "đã phát hành (nội dung khác hoặc đã bị chỉnh sửa trước khi ký)."
            )
        )
    for finding in findings:
        if finding.problem:
            raise SignatureRefused(finding.problem)
    if newest.signed_until != len(content):
        # Bytes no signature covers (PDF readers skip them, but the kept original is every
        # byte uploaded).
        raise SignatureRefused(str(ADDED_AFTER_SIGNING))
    return matched, findings
