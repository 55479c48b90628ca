"""Public verification of award decisions (xác thực quyết định khen thưởng), without sign-in.

An officer who receives a decision checks it by its number and year ("01/QĐ-UBND", 2026), or
by uploading the PDF: the page answers with the issuer, title, signing date, whether the
decision is in force or revoked, and the SHA-256 of each issued file of it, so that the file
in hand can be compared with the one the authority issued. It reports the digital signatures
(DOMAIN §10.4) too: of the uploaded file, or of the signed original kept; for each the signer,
the time, valid or invalid, intact or altered. Personal data of the awardees is
not shown: only counts.
"""

import re

from django import forms
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from awards.decisions.selectors import (
    DECISION_DOCUMENT,
    issued_files,
    made_after_signing,
    signed_originals,
)
from awards.enums import DecisionStatus
from awards.models import Decision
from config.public_address import printed_url
from documents import uploads
from documents.enums import JobStatus
from documents.models import Job
from documents.signature_check import (
    SignatureFinding,
    SignatureRefused,
    file_signatures,
    read_signatures,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
REFERENCE = re.compile(r"^\s*(\d{1,6})\s*/\s*(\S{1,40})\s*$")


class DecisionVerifyForm(forms.Form):
    reference = forms.CharField(
        label=_("Số, ký hiệu quyết định"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ: 01/QĐ-UBND"),
    )
    year = forms.IntegerField(
        label=_("Năm ban hành"),
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={"invalid": _("Năm ban hành phải là một số, ví dụ 2026.")},
    )
    file = forms.FileField(label=_("Hoặc tải lên tệp PDF quyết định"), required=False)

    def clean_reference(self) -> tuple[int, str] | None:
        value = self.cleaned_data.get("reference", "")
        if not value:
            return None
        match = REFERENCE.match(value)
        if match is None:
            raise forms.ValidationError(
                _("Số, ký hiệu không đúng dạng “số/ký hiệu”, ví dụ 01/QĐ-UBND.")
            )
        return int(match.group(1)), match.group(2).upper()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        try:
            return uploads.receive_pdf(
                upload,
                max_bytes=MAX_UPLOAD_BYTES,
                too_large=_("Tệp lớn hơn 10 MB; không phải tệp quyết định."),
            )
        except uploads.UploadRefused as refused:
            raise forms.ValidationError(str(refused)) from refused

    def clean(self):
        cleaned = super().clean()
        if self.errors or cleaned.get("file"):
            return cleaned
        if not cleaned.get("reference") or not cleaned.get("year"):
            raise forms.ValidationError(
                _("Hãy nhập số, ký hiệu và năm ban hành của quyết định, hoặc chọn tệp PDF.")
            )
        return cleaned


def verification_link(decision: Decision) -> str:
    """The full address of the public page that finds this decision by its number and year
    (printed on the issued file); "" for a draft, which has no number."""
    if not decision.number:
        return ""
    query = f"?so={decision.reference}&nam={decision.number_year}"
    return printed_url("awards:decision_verify", query=query)


def find_decisions(*, reference=None, year=None, sha256: str = "") -> list[Decision]:
    """Signed or revoked decisions with this number/symbol and year, or with an issued file
    of this SHA-256; each with `issued` (its files) and `line_count`."""
    decisions = Decision.objects.exclude(status=DecisionStatus.DRAFT)
    if sha256:
        # An issued file, or a signed original kept for one (signed outside and uploaded).
        issued = Job.objects.filter(kind=DECISION_DOCUMENT, status=JobStatus.DONE).filter(
            Q(result_sha256=sha256) | Q(signed_files__sha256=sha256)
        )
        ids = [params.get("decision") for params in issued.values_list("params", flat=True)]
        decisions = decisions.filter(pk__in=[pk for pk in ids if isinstance(pk, int)])
    else:
        number, symbol = reference
        decisions = decisions.filter(number=number, symbol__iexact=symbol, number_year=year)
    found = list(
        decisions.select_related("authority").annotate(line_count=Count("lines")).order_by("pk")
    )
    files = issued_files([decision.pk for decision in found])
    for decision in found:
        # A print after the first hands out the same bytes: one row per distinct file, the
        # first time it was made.
        issued = {}
        for job in reversed(files[decision.pk]):
            if made_after_signing(job, decision):
                issued.setdefault(job.result_sha256, job)
        decision.issued = list(issued.values())
        decision.signatures = kept_signatures(decision)
        identity = (
            decision.authority.identity_on(decision.signed_on) if decision.signed_on else None
        )
        decision.issuer_name = identity.issuer_name if identity else str(decision.authority)
    return found


def kept_signatures(decision: Decision) -> list[SignatureFinding]:
    """The signatures of the decision's signed original as kept now, checked again: the
    newest uploaded original, or else the newest issued file (signed by the product). A file
    changed on the server since shows as altered."""
    original = signed_originals(decision).first()
    if original is not None:
        return file_signatures(original.file)
    if decision.issued:
        return file_signatures(decision.issued[0].result)
    return []


def uploaded_signatures(content: bytes) -> list[SignatureFinding] | None:
    """The signatures of an uploaded file, or None when it cannot be read as a PDF."""
    try:
        return read_signatures(content)
    except SignatureRefused:
        return None


@require_http_methods(["GET", "POST"])
def decision_verify(request: HttpRequest) -> HttpResponse:
    """Verification without sign-in: number and year, or a PDF → the matching decisions."""
    matches, checked, uploaded_hash, signatures = [], False, "", None
    if request.method == "POST":
        form = DecisionVerifyForm(request.POST, request.FILES)
    elif request.GET.get("so"):
        form = DecisionVerifyForm({"reference": request.GET["so"], "year": request.GET.get("nam")})
    else:
        form = DecisionVerifyForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data.get("file")
        uploaded_hash = upload.sha256 if upload else ""
        signatures = uploaded_signatures(upload.content) if upload else None
        matches = find_decisions(
            reference=form.cleaned_data.get("reference"),
            year=form.cleaned_data.get("year"),
            sha256=uploaded_hash,
        )
        checked = True
    context = {
        "form": form,
        "checked": checked,
        "matches": matches,
        "uploaded_hash": uploaded_hash,
        "uploaded_signatures": signatures,
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "awards/decision_verify.html", context, status=status)
