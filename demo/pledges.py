"""The demo clusters and pledges (fixtures/demo_pledges.json), loaded after fixtures/demo.json.

The fixture is made by running the real services on a database that holds the demo authority,
serialising what they wrote, and rolling back: the frozen content, the signature slots and the
hash-chained history in the fixture are exactly what the application itself writes. Units and
users are looked up by code and user name, never by primary key.

- Cụm thi đua số 1 (five wards, Bến Nghé leading, Bến Thành deputy): pledge opened for signature.
- Khối các phòng chuyên môn (four offices, Văn hóa và Thông tin leading): pledge opened for
  signature; its heads (thutruong.vhtt, thutruong.gd and two accounts added here) sign it on the
  demo. The pledge PDFs are queued jobs: the worker (or the sweeper then the worker) renders them.
"""

import datetime

from demo.fixtures import fixture_path
from documents.models import Job
from emulation.enums import Role
from emulation.models import Unit, User
from emulation.models.clusters import Cluster, ClusterMembership, ClusterTerm
from emulation.models.pledges import (
    Pledge,
    PledgeActivity,
    PledgeEvent,
    PledgeItem,
    PledgeVersion,
    SignatureSlot,
)
from emulation.pledges.clusters import set_cluster_term
from emulation.pledges.enums import ActivityKind, ClusterKind, ItemKind
from emulation.pledges.services import create_pledge
from emulation.pledges.signing import open_for_signature

DEMO_PLEDGES_PATH = fixture_path("demo_pledges")
YEAR = 2026
STAFF_USERNAME = "canbo.thidua"
# Heads added for the bloc's offices that have no head account in demo.json; they take the
# password of the demo accounts (copied from thutruong.vhtt).
EXTRA_HEADS = (("thutruong.yt", "YT", "Hòa"), ("thutruong.nv", "NV", "Minh"))

CLUSTERS = (
    {
        "kind": ClusterKind.CLUSTER,
        "code": "CUM-PHUONG-1",
        "name": "Cụm thi đua số 1 (các phường)",
        "members": ("P-BN", "P-BT", "P-CG", "P-CK", "P-COL"),
        "head": "P-BN",
        "deputy": "P-BT",
        "title": "Giao ước thi đua năm 2026 của Cụm thi đua số 1",
        "slogan": "Đoàn kết, kỷ cương, sáng tạo, về đích sớm",
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
    staff = User.objects.get(username=STAFF_USERNAME)
    authority = staff.unit.authority
    units = {u.code: u for u in Unit.objects.filter(authority=authority)}
    template = User.objects.get(username="thutruong.vhtt")
    new_users = [
        User.objects.create(
            username=username,
            password=template.password,
            first_name=first_name,
            last_name="Nguyễn Văn",
            role=Role.UNIT_HEAD,
            unit=units[code],
        )
        for username, code, first_name in EXTRA_HEADS
    ]
    for spec in CLUSTERS:
        cluster = Cluster.objects.create(
            authority=authority, kind=spec["kind"], year=YEAR, code=spec["code"], name=spec["name"]
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
            deadline=datetime.date(YEAR, 12, 31),
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
        open_for_signature(version=version, by=staff)

    pledges = Pledge.objects.filter(
        cluster__year=YEAR, cluster__code__in=[c["code"] for c in CLUSTERS]
    )
    versions = PledgeVersion.objects.filter(pledge__in=pledges)
    return [
        *new_users,
        *Cluster.objects.filter(pledge__in=pledges),
        *ClusterMembership.objects.filter(cluster__pledge__in=pledges),
        *ClusterTerm.objects.filter(cluster__pledge__in=pledges),
        *pledges,
        *Job.objects.filter(pk__in=versions.values("document_job")),
        *versions,
        *PledgeItem.objects.filter(version__in=versions),
        *PledgeActivity.objects.filter(version__in=versions),
        *SignatureSlot.objects.filter(version__in=versions),
        *PledgeEvent.objects.filter(pledge__in=pledges).order_by("pledge", "sequence"),
    ]
