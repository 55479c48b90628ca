"""Pages of a user's document jobs: the list, a job with its live progress, the download and
the retry of a failed job. Another user's job answers 404 unless the viewer may see every job."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from config.permissions import require
from config.workflow import TransitionRefused
from documents import uploads
from documents.enums import JobStatus
from documents.models import Job
from documents.selectors import jobs_of, visible_jobs
from documents.services import retry_job

JOBS_PER_PAGE = 25


def _job_for(request, pk: int, permission: str) -> Job:
    """The job if the user may see it (404 otherwise), then `permission` on it (403)."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    require(request.user, permission, job)
    return job


@login_required
@require_GET
def job_list(request):
    page = Paginator(jobs_of(request.user), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "documents/job_list.html", {"page": page})


@login_required
@require_GET
@never_cache
def job_detail(request, pk: int, template_name: str = "documents/job_detail.html"):
    """A job's page; under the name job_status (documents/partials/job_status.html) the status
    panel alone, which htmx polls every second until the job is finished."""
    job = _job_for(request, pk, "documents.view_job")
    return render(request, template_name, {"job": job})


@login_required
@require_GET
def job_download(request, pk: int):
    job = _job_for(request, pk, "documents.download_job")
    if job.status != JobStatus.DONE or not job.result:
        raise Http404(_("Tài liệu chưa sẵn sàng."))
    return uploads.serve_pdf(job.result, download_name=Path(job.result.name).name)


@login_required
@require_POST
def job_retry(request, pk: int):
    job = _job_for(request, pk, "documents.retry_job")
    try:
        retry_job(job=job, user=request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã đưa tài liệu vào hàng đợi để tạo lại."))
    return redirect("documents:job_detail", pk=job.pk)
