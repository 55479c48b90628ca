"""Pages of decisions: the list, one decision with its certificates and signature, the signing
page (summary, consent, password), revocation and printing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.certificates.selectors import certificates_for
from awards.decisions import policy, selectors
from awards.decisions.services import (
    file_signed_decision,
    revoke_decision,
    sign_decision_with_evidence,
)
from awards.decisions.summary import signing_summary
from awards.enums import DecisionStatus
from awards.errors import AwardsError
from awards.forms import DecisionSignForm, ReasonForm
from config import clock
from config.permissions import authorize, require
from config.reauth import signing_arguments
from documents import uploads
from documents.forms import SignedCopyForm
from documents.selectors import signed_original_panel
from documents.services import request_document

DECISIONS_PER_PAGE = 50
DECISION_COPY_LABEL = gettext_lazy("Tệp PDF quyết định đã ký số")


@login_required
@require_GET
def decision_list(request):
    require(request.user, "awards.view_decisions")
    decisions = selectors.decisions_for(request.user).order_by("-created_at", "-pk")
    page = Paginator(decisions, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "awards/decision_list.html", {"page": page})


@login_required
@require_GET
def decision_detail(request, pk: int):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    lines = selectors.decision_lines(decision)
    # Read as the table is rendered (StreamedRows), the lines' count and total beforehand.
    sums = lines.aggregate(count=Count("pk"), total=Sum("amount"))
    # Read as the table is rendered too: a decision's thousand certificates, each with its line,
    # nomination line, award, person and unit, are never held at once.
    certificates = (
        certificates_for(request.user)
        .filter(decision_line__decision=decision)
        .order_by("gold_book_number", "version")
    )
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "lines": selectors.StreamedRows(lines, sums["count"]),
            "total": sums["total"] or 0,
            "recoveries": selectors.recovery_list(decision),
            "signature": selectors.signature_of(decision),
            # Signing and revoking come from the workflow through `{% available_actions %}`.
            "revoked": decision.status == DecisionStatus.REVOKED,
            "reason_form": ReasonForm(),
            "certificates": selectors.StreamedRows(certificates, certificates.count()),
            # The codes that an issued correction replaced.
            "replaced_codes": set(
                certificates.filter(replaces__isnull=False)
                .exclude(sha256="")
                .values_list("replaces__code", flat=True)
            ),
            "can_print_certificates": authorize(request.user, "awards.print_certificates")
            and decision.status == DecisionStatus.SIGNED,
            **signed_original_panel(selectors.signed_originals(decision)),
            "can_file_signed": authorize(request.user, "awards.file_signed_decision", decision)
            and decision.status == DecisionStatus.SIGNED,
            "signed_copy_form": SignedCopyForm(label=DECISION_COPY_LABEL),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_sign(request, pk: int):
    """The signing page: the number to be given, the lines and their money, the total, the
    consent statement and the password entered again; POST signs with that evidence."""
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    require(request.user, "awards.sign_decision", decision)
    day = clock.today()
    summary = signing_summary(decision, day)
    status = 200
    if request.method == "POST":
        form = DecisionSignForm(request.POST)
        arguments = signing_arguments(request, form)
        if arguments is not None:
            try:
                sign_decision_with_evidence(
                    decision=decision,
                    user=request.user,
                    day=day,
                    capacity=form.cleaned_data["signer_capacity"],
                    **arguments,
                )
            except AwardsError as error:
                form.add_error(None, str(error))
            else:
                decision.refresh_from_db()
                messages.success(
                    request,
                    _("Đã ký quyết định số %(reference)s.") % {"reference": decision.reference},
                )
                return redirect("awards:decision_detail", decision.pk)
        status = 400
    else:
        form = DecisionSignForm(
            initial={
                "document_sha256": summary.sha256,
                "consent_version": policy.CONSENT_VERSION,
                "signer_capacity": decision.signer_capacity,
            }
        )
    context = {"decision": decision, "summary": summary, "form": form}
    return render(request, "awards/decision_sign.html", context, status=status)


@login_required
@require_POST
def decision_revoke(request, pk: int):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    require(request.user, "awards.revoke_decision", decision)
    form = ReasonForm(request.POST)
    try:
        revoke_decision(
            decision=decision,
            user=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
            day=clock.today(),
        )
        messages.success(request, _("Đã hủy bỏ quyết định."))
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:decision_detail", decision.pk)


@login_required
@require_POST
def decision_file_signed(request, pk: int):
    """Upload the decision signed with the chairperson's own token; kept as its signed
    original once checked (documents.signature_check)."""
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    require(request.user, "awards.file_signed_decision", decision)
    form = SignedCopyForm(request.POST, request.FILES, label=DECISION_COPY_LABEL)
    if not form.is_valid():
        form.flash_errors(request)
        return redirect("awards:decision_detail", decision.pk)
    try:
        file_signed_decision(
            decision=decision, user=request.user, content=form.cleaned_data["file"].content
        )
    except AwardsError as error:
        messages.error(request, _("Không nhận tệp đã ký: %(reason)s") % {"reason": error})
    else:
        messages.success(
            request,
            _("Đã kiểm tra chữ ký số và lưu bản gốc đã ký của quyết định %(reference)s.")
            % {"reference": decision.reference},
        )
    return redirect("awards:decision_detail", decision.pk)


@login_required
@require_GET
def decision_signed_original(request, pk: int):
    """The decision's newest signed original: the chairperson's signature, then the seal."""
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    original = selectors.signed_originals(decision).first()
    if original is None:
        raise Http404(_("Quyết định chưa có bản gốc đã ký số."))
    name = decision.reference.replace("/", "-")
    return uploads.serve_pdf(original.file, download_name=f"quyet-dinh-{name}-da-ky-so.pdf")


@login_required
@require_POST
def decision_print(request, pk: int):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    job = request_document(
        kind="award_decision", params={"decision": decision.pk}, user=request.user
    )
    messages.success(request, _("Đã xếp hàng tạo tệp quyết định."))
    return redirect("documents:job_detail", job.pk)
