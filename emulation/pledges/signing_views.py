"""Pages of signing a pledge version: the signing page (the PDF and its SHA-256, the consent,
the password entered again), declining, the PDFs, and verification.

Thin views: scope (another cluster's pledge → 404) → permission (→ 403) → form → one service
call → message → redirect. The verification page needs no sign-in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import clock
from config.permissions import authorize, require
from config.reauth import meta_from_request, signing_arguments
from config.workflow import TransitionRefused
from documents import uploads
from emulation.models.pledges import PledgeVersion
from emulation.pledges import policy, selectors
from emulation.pledges.enums import VersionStatus
from emulation.pledges.forms import ReasonForm, SignForm, VerifyForm
from emulation.pledges.services import PledgeError
from emulation.pledges.signing import decline_pledge, record_view, sign_pledge, signing_slot


def _version(request, version_id: int) -> PledgeVersion:
    version = selectors.scoped_version(user=request.user, version_id=version_id)
    if version is None:
        raise Http404
    return version


@require_http_methods(["GET", "POST"])
@login_required
def sign(request: HttpRequest, version_id: int) -> HttpResponse:
    """The signing page: the PDF and its SHA-256, the consent statement, the password."""
    version = _version(request, version_id)
    require(request.user, "pledges.sign_pledge", version)
    status = 200
    if request.method == "POST":
        form = SignForm(request.POST)
        arguments = signing_arguments(request, form)
        if arguments is not None:
            try:
                sign_pledge(version=version, user=request.user, **arguments)
            except TransitionRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã ký giao ước thay mặt đơn vị."))
                return redirect("pledges:detail", version.pledge_id)
        status = 400
    else:
        form = SignForm(
            initial={
                "document_sha256": version.document_sha256,
                "consent_version": policy.CONSENT_VERSION,
            }
        )
        if version.status == VersionStatus.OPEN and version.document_sha256:
            record_view(version=version, user=request.user, meta=meta_from_request(request))
    # The unit the user signs for: their own, or the province's unit for their commune.
    found = signing_slot(version=version, user=request.user, day=clock.today())
    slot = found[0] if found else None
    context = {
        "version": version,
        "pledge": version.pledge,
        "form": form,
        "decline_form": ReasonForm(),
        "slot": slot,
        "signature": version.signatures.filter(unit_id=slot.unit_id).first() if slot else None,
    }
    return render(request, "emulation/pledges/sign.html", context, status=status)


@require_POST
@login_required
def decline(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    require(request.user, "pledges.sign_pledge", version)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do từ chối ký."))
        return redirect("pledges:sign", version.pk)
    try:
        decline_pledge(
            version=version,
            user=request.user,
            reason=form.cleaned_data["reason"],
            meta=meta_from_request(request),
        )
    except PledgeError as exc:
        messages.error(request, str(exc))
        return redirect("pledges:sign", version.pk)
    messages.success(request, _("Đã ghi nhận từ chối ký; cán bộ thi đua được thông báo."))
    return redirect("pledges:detail", version.pledge_id)


def _pdf_response(job, filename: str) -> HttpResponse:
    if job is None or not job.result:
        raise Http404
    return uploads.serve_pdf(job.result, download_name=filename)


@require_GET
@login_required
def document(request: HttpRequest, version_id: int) -> HttpResponse:
    """The PDF opened for signature, byte for byte what the signers confirm."""
    version = _version(request, version_id)
    require(request.user, "pledges.view_pledges")
    response = _pdf_response(version.document_job, f"giao-uoc-{version.pk}-ban-ky.pdf")
    if version.status == VersionStatus.OPEN and authorize(
        request.user, "pledges.sign_pledge", version
    ):
        record_view(version=version, user=request.user, meta=meta_from_request(request))
    return response


@require_GET
@login_required
def final_document(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    require(request.user, "pledges.view_pledges")
    return _pdf_response(version.final_job, f"giao-uoc-{version.pk}-da-ky.pdf")


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Verification without sign-in: a PDF or a code → the signed versions it matches."""
    matches, checked, uploaded_hash = [], False, ""
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
    elif request.GET.get("ma"):
        form = VerifyForm({"code": request.GET["ma"]})
    else:
        form = VerifyForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data.get("file")
        uploaded_hash = upload.sha256 if upload else ""
        code = "" if upload else form.cleaned_data.get("code", "")
        matches = selectors.find_signed_versions(sha256=uploaded_hash, code=code)
        checked = True
    context = {
        "form": form,
        "checked": checked,
        "matches": matches,
        "uploaded_hash": uploaded_hash,
    }
    return render(request, "emulation/pledges/verify.html", context, status=200)
