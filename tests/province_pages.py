"""The pages each person of a province opens in a working day, by role: what the province load
bench (tests/bench/bench_load_province.py) browses and what tests/test_province_pages.py
holds to a constant number of queries at two sizes of province."""

from django.urls import reverse

from awards.models import Nomination
from emulation.models import Authority, User

# The authorities whose people browse: communes spread over the province, two departments.
COMMUNES = tuple(1 + k * 21 for k in range(8))
DEPARTMENTS = (169, 184)
LOCAL_ROLES = ("canbo", "thutruong.dv001", "hoidong")
PROVINCE_ROLES = ("canbo", "hoidong")


def pages_for(role: str, *, unit_id: int, person_id: int, nomination_id: int | None, year: int):
    """The pages a person of `role` opens in a working day, named `<role>_<page>`."""
    pages = {"home": reverse("emulation:home")}
    if role in ("staff", "province"):
        pages |= {
            "units": reverse("emulation:unit_list"),
            "nominations": reverse("awards:nomination_list"),
            "review": reverse("awards:review_queue"),
            "decisions": reverse("awards:decision_list"),
            "targets": reverse("targets:dashboard"),
            "unit": reverse("emulation:unit_detail", args=[unit_id]),
            "person": reverse("emulation:person_detail", args=[person_id]),
        }
    if role == "province":
        pages["submissions"] = reverse("awards:submission_list")
    if role == "head":
        pages |= {
            "nominations": reverse("awards:nomination_list"),
            "unit": reverse("emulation:unit_detail", args=[unit_id]),
            "grid": reverse("targets:grid", args=[unit_id, year, "year", "official"]),
            "records": reverse("awards:records", args=[unit_id, year]),
        }
    if role in ("staff", "head") and nomination_id:
        pages["nomination"] = reverse("awards:nomination_detail", args=[nomination_id])
    if role == "council":
        pages |= {
            "ballots": reverse("awards:ballot_list"),
            "decisions": reverse("awards:decision_list"),
        }
    return {f"{role}_{name}": path for name, path in pages.items()}


def accounts(
    code: str, year: int, *, communes=COMMUNES, departments=DEPARTMENTS, first_department=169
) -> list[dict]:
    """Every browsing account of the province `code` with its role and pages, the province's
    officers first: `communes` and `departments` are numbers as `seed_demo --province` counts
    them (departments after the communes, from `first_department`)."""
    numbered = {0: code}
    numbered |= {n: f"{code}-xa-{n:03d}" for n in communes}
    numbered |= {n: f"{code}-so-{n - first_department + 1:02d}" for n in departments}
    found = []
    for number, code in numbered.items():
        authority = Authority.objects.get(code=code)
        for suffix in PROVINCE_ROLES if number == 0 else LOCAL_ROLES:
            user = User.objects.get(username=f"{code}.{suffix}")
            role = {"canbo": "staff", "hoidong": "council"}.get(suffix, "head")
            if number == 0 and role == "staff":
                role = "province"
            # A head opens the nominations of the unit; the staff, any of the authority's.
            nominations = Nomination.objects.filter(authority=authority).order_by("pk")
            if role == "head":
                nominations = nominations.filter(unit_id=user.unit_id)
            nomination = nominations.first()
            found.append(
                {
                    "username": user.username,
                    "role": role,
                    "pages": pages_for(
                        role,
                        unit_id=user.unit_id,
                        person_id=user.person_id,
                        nomination_id=nomination.pk if nomination else None,
                        year=year,
                    ),
                }
            )
    return found
