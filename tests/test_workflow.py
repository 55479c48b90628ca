"""The one state-change helper (`config.workflow`), on a real model (the document job), with a
table local to the test so the product's own workflows stay as they are."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from config.workflow import Transition, TransitionRefused, Workflow
from documents.enums import JobStatus
from documents.models import Job
from tests.factories import JobFactory, UserFactory

pytestmark = pytest.mark.django_db


def _not_on_first_attempt(job, user):
    return "Chưa chạy lần nào." if job.attempts == 0 else None


WORKFLOW = Workflow(
    model=Job,
    state_field="status",
    transitions=[
        Transition(JobStatus.QUEUED, JobStatus.RUNNING, "start", "Bắt đầu"),
        Transition(
            JobStatus.FAILED,
            JobStatus.QUEUED,
            "retry",
            "Chạy lại",
            permission="documents.retry_job",
            guard=_not_on_first_attempt,
        ),
        Transition(
            JobStatus.QUEUED,
            JobStatus.FAILED,
            "cancel",
            "Huỷ",
            reason_required="Cần ghi lý do huỷ.",
        ),
    ],
    conflict_message="Tài liệu vừa được người khác xử lý.",
    register=False,
)


def test_a_move_in_the_table_is_written_and_kept_on_the_object():
    job = JobFactory(status=JobStatus.QUEUED)

    WORKFLOW.apply(job, JobStatus.RUNNING, check=False, attempts=1)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)


def test_a_move_outside_the_table_is_refused_in_vietnamese_and_writes_nothing():
    job = JobFactory(status=JobStatus.DONE)

    with pytest.raises(
        TransitionRefused, match="Không thể chuyển từ “Đã xong” sang “Đang chờ”"
    ) as caught:
        WORKFLOW.apply(job, JobStatus.QUEUED, check=False)

    assert not caught.value.conflict
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE


def test_the_rule_and_the_guard_decide_who_may_move():
    owner, stranger = UserFactory(), UserFactory()
    job = JobFactory(status=JobStatus.FAILED, requested_by=owner, attempts=0)

    with pytest.raises(TransitionRefused, match="không có quyền"):
        WORKFLOW.apply(job, JobStatus.QUEUED, by=stranger)
    with pytest.raises(TransitionRefused, match="Chưa chạy lần nào"):
        WORKFLOW.apply(job, JobStatus.QUEUED, by=owner)
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED

    job.attempts = 1
    WORKFLOW.apply(job, JobStatus.QUEUED, by=owner)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_a_move_that_needs_a_reason_is_refused_without_one():
    job = JobFactory(status=JobStatus.QUEUED)

    with pytest.raises(TransitionRefused, match="Cần ghi lý do huỷ"):
        WORKFLOW.apply(job, JobStatus.FAILED, check=False, reason="   ")

    WORKFLOW.apply(job, JobStatus.FAILED, check=False, reason="Gửi nhầm")
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def test_a_stale_copy_loses_the_race_with_a_conflict():
    job = JobFactory(status=JobStatus.QUEUED)
    stale = Job.objects.get(pk=job.pk)
    WORKFLOW.apply(job, JobStatus.RUNNING, check=False)

    with pytest.raises(TransitionRefused, match="vừa được người khác xử lý") as caught:
        WORKFLOW.apply(stale, JobStatus.FAILED, check=False, reason="x")

    assert caught.value.conflict
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING


def test_the_same_state_without_changes_writes_nothing(django_assert_num_queries):
    job = JobFactory(status=JobStatus.QUEUED)

    with django_assert_num_queries(0):
        WORKFLOW.apply(job, JobStatus.QUEUED, check=False)


def test_available_actions_lists_what_the_user_may_do_now_and_never_a_system_move():
    owner = UserFactory()
    queued = JobFactory(status=JobStatus.QUEUED, requested_by=owner)
    failed = JobFactory(status=JobStatus.FAILED, requested_by=owner, attempts=2)

    # "start" and "cancel" have no rule nor guard: the system's moves, never offered.
    assert list(WORKFLOW.available_actions(queued, owner)) == []
    assert list(WORKFLOW.available_actions(failed, owner)) == ["retry"]
    assert WORKFLOW.available_actions(failed, owner)["retry"].label == "Chạy lại"
    assert list(WORKFLOW.available_actions(failed, UserFactory())) == []
    assert WORKFLOW.find(JobStatus.QUEUED, JobStatus.FAILED).needs_reason


def test_a_table_cannot_declare_one_move_twice():
    with pytest.raises(ValueError, match="declared twice"):
        Workflow(
            model=Job,
            state_field="status",
            transitions=[
                Transition(JobStatus.QUEUED, JobStatus.RUNNING, "start"),
                Transition(JobStatus.QUEUED, JobStatus.RUNNING, "begin"),
            ],
            register=False,
        )


def test_the_template_tag_gives_nothing_for_a_model_without_a_workflow():
    user = UserFactory()
    request = RequestFactory().get("/")
    request.user = user
    template = Template(
        "{% load permissions %}{% available_actions target as actions %}"
        "{% for name in actions %}{{ name }}{% empty %}none{% endfor %}"
    )

    assert template.render(Context({"request": request, "target": user})) == "none"
