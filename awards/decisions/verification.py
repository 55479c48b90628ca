"""Public verification of award decisions (xác thực quyết định khen thưởng), without sign-in.

An officer who receives a decision checks it by its number and year ("01/QĐ-UBND", 2026), or
by uploading the PDF: the page answers with the issuer, title, signing date, whether the
decision is in force or revoked, and the SHA-256 of each issued file of it, so that the file
in hand can be compared with the one the authority issued. Personal data of the awardees is
not shown: only counts.
"""

import re

from django import forms
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from awards.enums import DecisionStatus
from awards.models import Decision
from config.public_address import public_url
from documents import uploads
from documents.enums import JobStatus
from documents.models import Job

DECISION_DOCUMENT = "award_decision"
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


def issued_files(decision_ids: list[int]) -> dict[int, list[Job]]:
    """The finished files of each decision rendered after its signing (drafts are not issued
    files), newest first. One query."""
    files: dict[int, list[Job]] = {pk: [] for pk in decision_ids}
    jobs = (
        Job.objects.filter(
            kind=DECISION_DOCUMENT, status=JobStatus.DONE, params__decision__in=decision_ids
        )
        .exclude(result_sha256="")
        .exclude(result__contains="du-thao")
        .order_by("-finished_at", "-pk")
    )
    for job in jobs:
        files[job.params["decision"]].append(job)
    return files


def made_after_signing(job: Job, decision: Decision) -> bool:
    """Files requested before the signing day are drafts, whatever their name. Both days are
    Vietnamese days: a file requested at 06:00 in Hà Nội is still 23:00 the day before in UTC."""
    return bool(decision.signed_on) and timezone.localdate(job.created_at) >= decision.signed_on


def issued_job(decision: Decision) -> Job | None:
    """The job whose file is the decision's issued file: the first finished after its signing.
    None for a draft, or before the first print after signing."""
    if decision.status == DecisionStatus.DRAFT:
        return None
    jobs = issued_files([decision.pk])[decision.pk]
    return next((job for job in reversed(jobs) if made_after_signing(job, decision)), None)


def verification_link(decision: Decision) -> str:
    """The full address of the public page that finds this decision by its number and year
    (printed on the issued file); "" for a draft, which has no number."""
    if not decision.number:
        return ""
    query = f"?so={decision.reference}&nam={decision.number_year}"
    return public_url(reverse("awards:decision_verify") + query)


def find_decisions(*, reference=None, year=None, sha256: str = "") -> list[Decision]:
    """Signed or revoked decisions with this number/symbol and year, or with an issued file
    of this SHA-256; each with `issued` (its files) and `line_count`."""
    decisions = Decision.objects.exclude(status=DecisionStatus.DRAFT)
    if sha256:
        ids = [
            params.get("decision")
            for params in Job.objects.filter(
                kind=DECISION_DOCUMENT, status=JobStatus.DONE, result_sha256=sha256
            ).values_list("params", flat=True)
        ]
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
        identity = (
            decision.authority.identity_on(decision.signed_on) if decision.signed_on else None
        )
        decision.issuer_name = identity.issuer_name if identity else str(decision.authority)
    return found


@require_http_methods(["GET", "POST"])
def decision_verify(request: HttpRequest) -> HttpResponse:
    """Verification without sign-in: number and year, or a PDF → the matching decisions."""
    matches, checked, uploaded_hash = [], False, ""
    if request.method == "POST":
        form = DecisionVerifyForm(request.POST, request.FILES)
    elif request.GET.get("so"):
        form = DecisionVerifyForm({"reference": request.GET["so"], "year": request.GET.get("nam")})
    else:
        form = DecisionVerifyForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data.get("file")
        uploaded_hash = upload.sha256 if upload else ""
        matches = find_decisions(
            reference=form.cleaned_data.get("reference"),
            year=form.cleaned_data.get("year"),
            sha256=uploaded_hash,
        )
        checked = True
    context = {"form": form, "checked": checked, "matches": matches, "uploaded_hash": uploaded_hash}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "awards/decision_verify.html", context, status=status)
