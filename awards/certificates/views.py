"""Pages of the certificates: printing a decision's certificates, downloading one, correcting
one (a new version), the pre-printed-blank calibration, and the public verification page (no
sign-in).

A certificate of another authority answers 404 to a signed-in user; anyone holding its
code reaches its public page and file."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.certificates import selectors
from awards.certificates.forms import CalibrationForm, CorrectionForm
from awards.certificates.services import (
    CORRECTABLE,
    Mode,
    calibrate_template,
    correct_certificate,
    request_certificates,
    template_for,
)
from awards.certificates.texts import correction_refusal, printed_text
from awards.decisions.selectors import decisions_for
from awards.enums import DecisionStatus
from awards.errors import AwardsError
from config.permissions import require
from documents import uploads


@login_required
@require_POST
def decision_certificates(request, pk: int):
    """Queue the certificates of a signed decision: the full design, or only the variable
    fields for printing on blanks (`mode=preprinted`)."""
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(decisions_for(request.user), pk=pk)
    require(request.user, "awards.print_certificates")
    try:
        job = request_certificates(
            decision=decision, user=request.user, mode=request.POST.get("mode", Mode.FULL)
        )
    except AwardsError as error:
        messages.error(request, str(error))
        return redirect("awards:decision_detail", decision.pk)
    messages.success(request, _("Đã xếp hàng in giấy khen."))
    return redirect("documents:job_detail", job.pk)


@login_required
@require_GET
def certificate_download(request, pk: int):
    require(request.user, "awards.view_decisions")
    certificate = get_object_or_404(selectors.certificates_for(request.user), pk=pk)
    return uploads.serve_pdf(certificate.file, download_name=f"giay-khen-{certificate.code}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def certificate_correct(request, pk: int):
    """Correct an issued certificate (đính chính): the texts of the new paper and the reason;
    a new version with its own code is issued and drawn, the old file stays as it was."""
    require(request.user, "awards.view_decisions")
    certificate = get_object_or_404(selectors.certificates_for(request.user), pk=pk)
    require(request.user, "awards.correct_certificate", certificate)
    current = printed_text(certificate)
    form = CorrectionForm(
        request.POST or None,
        initial={name: getattr(current, name) for name in CORRECTABLE},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            printed = {name: form.cleaned_data[name] for name in CORRECTABLE}
            try:
                if refused := correction_refusal(certificate, printed):
                    raise AwardsError(refused)
                corrected, job = correct_certificate(
                    certificate=certificate,
                    user=request.user,
                    printed=printed,
                    reason=form.cleaned_data["reason"],
                )
            except AwardsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Đã cấp giấy khen đính chính mã %(new)s thay thế mã %(old)s; tệp đang "
                        "được tạo."
                    )
                    % {"new": corrected.code, "old": certificate.code},
                )
                return redirect("documents:job_detail", job.pk)
        status = 400
    context = {"form": form, "certificate": certificate, "current": current}
    return render(request, "awards/certificate_correct.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_template(request):
    """The offsets of the pre-printed blanks, and the calibration page to check them."""
    require(request.user, "awards.print_certificates")
    template = template_for(request.user.unit.authority_id)
    form = CalibrationForm(
        request.POST or None,
        initial={"offset_x_mm": template.offset_x_mm, "offset_y_mm": template.offset_y_mm},
    )
    if request.method == "POST" and form.is_valid():
        try:
            calibrate_template(user=request.user, **form.cleaned_data)
        except AwardsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã lưu độ lệch của mẫu in."))
            return redirect("awards:certificate_template")
    return render(request, "awards/certificate_template.html", {"form": form, "template": template})


@login_required
@require_GET
def certificate_calibration(request):
    """The calibration page with the stored offsets (one page, drawn at once)."""
    # ReportLab only where a page is drawn: every web process imports this module with the URLs.
    from awards.certificates import layout

    require(request.user, "awards.print_certificates")
    template = template_for(request.user.unit.authority_id)
    offsets = layout.Offsets(float(template.offset_x_mm), float(template.offset_y_mm))
    buffer = io.BytesIO()
    canvas = layout.new_canvas(buffer, title=_("Trang canh chỉnh giấy khen"))
    caption = _("Trang canh chỉnh: lệch ngang %(x)s mm, lệch dọc %(y)s mm") % {
        "x": template.offset_x_mm,
        "y": template.offset_y_mm,
    }
    layout.draw_calibration(canvas, offsets, caption=caption)
    canvas.save()
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="canh-chinh-giay-khen.pdf"'
    return response


@require_GET
def certificate_lookup(request):
    """The public form: type the code printed under the QR code."""
    code = request.GET.get("ma", "").strip()
    if code:
        if selectors.certificate_by_code(code) is not None:
            return redirect("awards:certificate_verify", code.upper())
        messages.error(request, _("Không tìm thấy giấy khen có mã này."))
    return render(request, "awards/certificate_lookup.html", {"code": code})


@require_GET
def certificate_verify(request, code: str):
    """Public: who holds the certificate, for what, by which decision, and whether it is
    still valid (computed at every request from the decision and from the corrections
    made since: a replaced certificate names the version in force, with its link)."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    decision = certificate.decision_line.decision
    identity = certificate.authority.identity_on(decision.signed_on) if decision.signed_on else None
    response = render(
        request,
        "awards/certificate_verify.html",
        {
            "certificate": certificate,
            "line": certificate.decision_line.nomination_line,
            "decision": decision,
            "issuer": identity.issuer_name if identity else str(certificate.authority),
            "revoked": decision.status != DecisionStatus.SIGNED,
            "replacement": selectors.replacement_of(certificate),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def certificate_public_file(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    return uploads.serve_pdf(certificate.file, download_name=f"giay-khen-{certificate.code}.pdf")
