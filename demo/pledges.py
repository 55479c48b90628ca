"""The demo clusters and pledges (fixtures/demo_pledges.json), loaded after fixtures/demo.json.

The fixture is made by running the real services on a database that holds the demo authority,
serialising what they wrote, and rolling back: the frozen content, the signature slots, the
signatures with their evidence and the hash-chained history in the fixture are exactly what the
application itself writes, each step on the day of the story (`demo.clock`). Units and users are
looked up by code and user name, never by primary key.

- Cụm thi đua các trường trung học cơ sở (six schools, Minh Đức leading, Văn Lang deputy):
  every head signed in January, the head school last; the pledge is complete, with its final
  PDF and verification code.
- Khối các phòng chuyên môn (four offices, Văn hóa và Thông tin leading): Giáo dục và Đào tạo,
  Y tế and Nội vụ have signed; the head office signs last (thutruong.vhtt), which completes it.

To sign, the builder draws the PDF opened for signature in-process; the fixture keeps the
document jobs queued (no files), and the worker draws them again when the demo starts. The
signatures' evidence keeps the SHA-256 of the PDF the signers were shown at build time.
"""

import datetime
import os

from django.db.models import Q

from config.reauth import AuthMethod
from demo import clock
from demo.fixtures import fixture_path, queued_again
from documents.models import Job
from documents.services import run_job
from emulation.enums import Role
from emulation.models import Unit, User
from emulation.models.clusters import Cluster, ClusterMembership, ClusterTerm
from emulation.models.pledges import (
    Pledge,
    PledgeActivity,
    PledgeEvent,
    PledgeItem,
    PledgeVersion,
    Signature,
    SignatureSlot,
)
from emulation.pledges.clusters import set_cluster_term
from emulation.pledges.enums import ActivityKind, ClusterKind, ItemKind
from emulation.pledges.policy import CONSENT_VERSION
from emulation.pledges.services import create_pledge
from emulation.pledges.signing import open_for_signature, sign_pledge

DEMO_PLEDGES_PATH = fixture_path("demo_pledges")
YEAR = 2026
STAFF_USERNAME = "canbo.thidua"
OPENED = datetime.datetime(2026, 1, 12, 8, 0)

CLUSTERS = (
    {
        "kind": ClusterKind.CLUSTER,
        "code": "CUM-THCS",
        "name": "Cụm thi đua các trường trung học cơ sở",
        "members": ("THCS-MD", "THCS-VL", "THCS-DT", "THCS-TVO", "THCS-VTT", "THCS-ND"),
        "head": "THCS-MD",
        "deputy": "THCS-VL",
        "title": "Giao ước thi đua năm 2026 của Cụm thi đua các trường trung học cơ sở",
        "slogan": "Dạy tốt, học tốt, đoàn kết, sáng tạo",
        "deadline": datetime.date(2026, 2, 27),
        # Every member signs, the head school last: the pledge is complete.
        "signers": ("THCS-VL", "THCS-DT", "THCS-TVO", "THCS-VTT", "THCS-ND", "THCS-MD"),
    },
    {
        "kind": ClusterKind.BLOC,
        "code": "KHOI-PHONG",
        "name": "Khối các phòng chuyên môn",
        "members": ("VHTT", "GDDT", "YT", "NV"),
        "head": "VHTT",
        "deputy": "GDDT",
        "title": "Giao ước thi đua năm 2026 của Khối các phòng chuyên môn",
        "slogan": "Chuyên nghiệp, hiệu quả, phục vụ Nhân dân",
        # Signed the year round, without a deadline; the head office has still to sign.
        "deadline": None,
        "signers": ("GDDT", "YT", "NV"),
    },
)

COMMITMENTS = (
    ("Nhiệm vụ chính trị", "Hoàn thành 100% nhiệm vụ, chỉ tiêu được giao năm 2026."),
    (
        "Nhiệm vụ chính trị",
        "Giải quyết hồ sơ thủ tục hành chính đúng hạn, không để tồn đọng, trễ hẹn.",
    ),
    (
        "Phong trào thi đua",
        "Thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” và “Dân vận khéo”.",
    ),
    ("Phong trào thi đua", "Đẩy mạnh cải cách hành chính và chuyển đổi số."),
    (
        "Xây dựng hệ thống chính trị",
        "Giữ vững kỷ luật, kỷ cương hành chính; thực hành tiết kiệm, chống lãng phí.",
    ),
)

ACTIVITIES = (
    (ActivityKind.REPORT_DEADLINE, "Nộp báo cáo 6 tháng", datetime.date(2026, 6, 10)),
    (ActivityKind.MID_YEAR_REVIEW, "Sơ kết 6 tháng đầu năm", datetime.date(2026, 7, 15)),
    (ActivityKind.EXCHANGE_VISIT, "Giao lưu, học tập kinh nghiệm", datetime.date(2026, 9, 20)),
    (
        ActivityKind.YEAR_END_REVIEW,
        "Tổng kết năm, bầu cụm trưởng 2027",
        datetime.date(2026, 12, 15),
    ),
)


def demo_records() -> list:
    """Writes this part of the demo through the services; returns what the fixture holds."""
    with clock.seeded_codes():
        staff = User.objects.get(username=STAFF_USERNAME)
        authority = staff.unit.authority
        units = {u.code: u for u in Unit.objects.filter(authority=authority)}
        for spec in CLUSTERS:
            with clock.at(OPENED - datetime.timedelta(days=4)):
                version = _draft(spec, staff, units)
            with clock.at(OPENED):
                open_for_signature(version=version, by=staff)
            _sign(version, spec["signers"], units)
    pledges = Pledge.objects.filter(
        cluster__year=YEAR, cluster__code__in=[c["code"] for c in CLUSTERS]
    )
    versions = PledgeVersion.objects.filter(pledge__in=pledges)
    jobs = Job.objects.filter(
        Q(pk__in=versions.values("document_job")) | Q(pk__in=versions.values("final_job"))
    ).order_by("pk")
    return [
        *Cluster.objects.filter(pledge__in=pledges),
        *ClusterMembership.objects.filter(cluster__pledge__in=pledges),
        *ClusterTerm.objects.filter(cluster__pledge__in=pledges),
        *pledges,
        *queued_again(jobs),
        *versions,
        *PledgeItem.objects.filter(version__in=versions),
        *PledgeActivity.objects.filter(version__in=versions),
        *SignatureSlot.objects.filter(version__in=versions),
        *Signature.objects.filter(version__in=versions).order_by("pk"),
        *PledgeEvent.objects.filter(pledge__in=pledges).order_by("pledge", "sequence"),
    ]


def _draft(spec: dict, staff: User, units: dict[str, Unit]) -> PledgeVersion:
    """The cluster with its members and elected head and deputy, and the pledge's draft."""
    cluster = Cluster.objects.create(
        authority=staff.unit.authority,
        kind=spec["kind"],
        year=YEAR,
        code=spec["code"],
        name=spec["name"],
    )
    for index, code in enumerate(spec["members"]):
        ClusterMembership.objects.create(cluster=cluster, unit=units[code], sort_order=index)
    set_cluster_term(
        cluster=cluster,
        head_unit=units[spec["head"]],
        deputy_unit=units[spec["deputy"]],
        valid_from=datetime.date(YEAR, 1, 1),
        elected_at_meeting="Hội nghị tổng kết năm 2025",
    )
    pledge = create_pledge(
        cluster=cluster,
        by=staff,
        title=spec["title"],
        slogan=spec["slogan"],
        score_table_reference="Bảng chấm điểm thi đua cụm, khối năm 2026",
        deadline=spec["deadline"],
        head_signs_last=True,
    )
    version = pledge.versions.get()
    for order, (section, text) in enumerate(COMMITMENTS):
        PledgeItem.objects.create(
            version=version, kind=ItemKind.FREE, section=section, text=text, sort_order=order
        )
    for kind, title, day in ACTIVITIES:
        PledgeActivity.objects.create(
            version=version, kind=kind, title=title, date=day, place=units[spec["head"]].name
        )
    return version


def _sign(version: PledgeVersion, signers: tuple[str, ...], units: dict[str, Unit]) -> None:
    """The PDF opened for signature is drawn, then each unit's head signs it with password
    and consent, one a day from the day after opening."""
    job = PledgeVersion.objects.get(pk=version.pk).document_job
    with clock.at(OPENED + datetime.timedelta(minutes=5)):
        run_job(job_id=job.pk, worker_pid=os.getpid())
    job.refresh_from_db()
    for day, code in enumerate(signers, start=1):
        head = User.objects.get(role=Role.UNIT_HEAD, unit=units[code])
        with clock.at(OPENED + datetime.timedelta(days=day, hours=1)) as moment:
            sign_pledge(
                version=version,
                user=head,
                shown_hash=job.result_sha256,
                consent_version=CONSENT_VERSION,
                auth_method=AuthMethod.PASSWORD,
                authenticated_at=moment,
                meta=clock.SIGNING_META,
            )
