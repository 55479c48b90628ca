"""Writes of signed originals (bản gốc điện tử đã ký số), DOMAIN §10.4.

`sign_issued` signs an issued document's bytes in the worker, once: the same bytes signed
again give back the file signed the first time (a second signature would carry another time
and be another file, while a verification page vouches for one). `accept_signed_copy` keeps a
PDF signed outside the product after `documents.signature_check` accepted it and, for a
document the person with authority signs first, adds the body's seal after that signature.
Files are written once, named by their SHA-256, and never replaced.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.enums import JobStatus, SignedFileOrigin
from documents.models import Job, SignedFile
from documents.sealing import sealed_with_findings
from documents.signature_check import (
    SignatureFinding,
    SignatureRefused,
    check_signed_copy,
    read_signatures,
)
from documents.signing import SignatureRequest, SigningError, sign_pdf, signing_configured

logger = logging.getLogger(__name__)


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _signer_of(content: bytes) -> SignatureFinding | None:
    findings = read_signatures(content)
    return findings[-1] if findings else None


def _read(signed: SignedFile) -> bytes:
    with signed.file.open("rb") as handle:
        return handle.read()


def sign_issued(content: bytes, *, request: SignatureRequest, timestamper=None) -> bytes:
    """The issued `content` signed with the authority's certificate (PAdES B-B, or B-T with a
    time-stamping service), or `content` unchanged when no certificate is configured.

    Idempotent: the first signature of these bytes is kept (SignedFile, origin SERVER) and
    returned by every later call, also when two workers race (the unique constraint decides,
    the loser returns the winner's file). Raises SigningError (a DocumentError) when the
    configured certificate or time-stamping service cannot be used.
    """
    if not signing_configured():
        logger.warning("no signing certificate configured; document issued unsigned")
        return content
    source = _sha256(content)
    kept = SignedFile.objects.filter(origin=SignedFileOrigin.SERVER, source_sha256=source).first()
    if kept is not None:
        return _read(kept)
    signed = sign_pdf(content, request=request, timestamper=timestamper)
    finding = _signer_of(signed)
    row = SignedFile(
        origin=SignedFileOrigin.SERVER,
        source_sha256=source,
        sha256=_sha256(signed),
        size=len(signed),
        signer=finding.signer if finding else "",
        signed_at=finding.signed_at if finding else None,
    )
    try:
        with transaction.atomic():
            _write_once(row, signed)
    except IntegrityError:
        row.file.storage.delete(row.file.name)
        winner = SignedFile.objects.get(origin=SignedFileOrigin.SERVER, source_sha256=source)
        logger.info("issued file %s was signed meanwhile; keeping %s", source, winner.sha256)
        return _read(winner)
    logger.info("issued file %s signed as %s", source, row.sha256)
    return signed


def _issued_bytes(jobs) -> dict[Job, bytes]:
    issued = {}
    for job in jobs:
        if job is None or job.status != JobStatus.DONE or not job.result:
            continue
        try:
            with job.result.open("rb") as handle:
                issued[job] = handle.read()
        except FileNotFoundError:
            logger.warning("issued file of job %s is missing", job.pk)
    return issued


def _write_once(row: SignedFile, content: bytes) -> SignedFile:
    row.file.save(f"{row.sha256}.pdf", ContentFile(content), save=False)
    row.save()
    return row


def accept_signed_copy(
    *, jobs, content: bytes, user, seal: SignatureRequest | None = None
) -> SignedFile:
    """Keep `content`, a PDF signed outside the product, as the signed original of the issued
    file (one of `jobs`, finished document jobs; None for a document not made yet) that it
    signs.

    With `seal` (a decision, a report), `content` is the signer's copy — the person with
    authority signs first — and the body's signature is added after it
    (`documents.sealing`, DOMAIN §10.4): the copy is kept as uploaded and the sealed file is
    the signed original returned. Without a certificate configured the copy is kept unsealed.

    Preconditions (SignatureRefused with a Vietnamese reason, nothing written): the signed
    revision begins with the exact bytes of one of the issued files, and every signature is
    intact, valid, within its certificate's validity and chained to a configured root, with
    nothing added after the last one (`check_signed_copy`); with `seal`, the copy carries no
    seal yet, and the seal can be added (its SigningError's reason). The caller
    checked the user's permission on the document. The same file uploaded again returns the
    row kept the first time. Side effects: one SignedFile (origin UPLOADED) and, with `seal`,
    one more (origin SEALED), with their files.
    """
    issued = _issued_bytes(jobs)
    if not issued:
        raise SignatureRefused(
            _("Văn bản chưa có tệp phát hành để đối chiếu; hãy tải văn bản (PDF) trước.")
        )
    by_name = {str(job.pk): original for job, original in issued.items()}
    matched, findings = check_signed_copy(content, issued=by_name)
    finding = findings[-1]
    job = next(job for job in issued if str(job.pk) == matched)
    sha256 = _sha256(content)
    sealing = seal is not None and signing_configured()
    if sealing:
        kept = SignedFile.objects.filter(
            origin=SignedFileOrigin.SEALED, source_sha256=sha256, job=job
        ).first()
        if kept is not None:
            return kept
        if any(found.is_seal for found in findings):
            raise SignatureRefused(
                _(
                    "Tệp đã có chữ ký số của cơ quan. Hãy tải lên bản chỉ có chữ ký số của "
                    "người có thẩm quyền: hệ thống thêm chữ ký số của cơ quan sau chữ ký đó."
                )
            )
        try:
            sealed, sealed_findings = sealed_with_findings(content, request=seal)
        except SigningError as refused:
            raise SignatureRefused(str(refused)) from refused
    with transaction.atomic():
        row = SignedFile.objects.select_for_update().filter(job=job, sha256=sha256).first()
        if row is None:
            row = _write_once(
                SignedFile(
                    origin=SignedFileOrigin.UPLOADED,
                    job=job,
                    source_sha256=job.result_sha256 or _sha256(issued[job]),
                    sha256=sha256,
                    size=len(content),
                    signer=finding.signer,
                    signed_at=finding.signed_at,
                    uploaded_by=user,
                ),
                content,
            )
        if sealing:
            seal_finding = sealed_findings[-1]
            row = _write_once(
                SignedFile(
                    origin=SignedFileOrigin.SEALED,
                    job=job,
                    source_sha256=sha256,
                    sha256=_sha256(sealed),
                    size=len(sealed),
                    signer=seal_finding.signer,
                    signed_at=seal_finding.signed_at,
                    uploaded_by=user,
                ),
                sealed,
            )
    logger.info("signed original %s of job %s kept, uploaded by %s", row.sha256, job.pk, user.pk)
    return row
