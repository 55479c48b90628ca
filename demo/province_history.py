"""The records of the province of `seed_demo --province` (demo.province_scale): ten years of
awards held (`TitleHeld`), the last years' ratings, and this year's nominations in every
state of their way, planned per authority from its own random source."""

import dataclasses
import datetime
import random

from awards.enums import DutyRating, NominationState, SubjectKind, Verdict
from awards.models import Award, Nomination, NominationEvent, NominationLine, PersonYear, UnitYear
from awards.models.records import TitleHeld
from demo.province_scale import SeededAuthority, authority_rng
from demo.rows import RowWriter
from emulation.enums import AuthorityLevel

# Years of ratings kept (the rules read the last ones); awards go back `ProvinceSize.years`.
RATED_YEARS = 3
_RATINGS = (
    (DutyRating.EXCELLENT, 15),
    (DutyRating.GOOD, 60),
    (DutyRating.COMPLETED, 22),
    (DutyRating.NOT_COMPLETED, 3),
)
# Shares of the staff holding each award in a year; a Chiến sĩ thi đua cơ sở is also a Lao
# động tiên tiến that year.
LDTT_SHARE, CSTDCS_SHARE, GIAY_KHEN_SHARE = 0.6, 0.1, 0.05
TTLDTT_SHARE, TTLDXS_SHARE = 0.6, 0.1
_S = NominationState
# This year's nominations: the states they stand in, in turn from each authority's first
# (which is always on its way, so that every authority has one to review), and the moves that
# led there, recorded as their history.
STATE_CYCLE = (
    _S.SUBMITTED, _S.DRAFT, _S.APPRAISED, _S.PUBLIC_NOTICE, _S.RETURNED,
    _S.DRAFT, _S.SUBMITTED, _S.WITHDRAWN, _S.APPRAISED, _S.DRAFT,
)  # fmt: skip
_PATHS = {
    _S.DRAFT: (),
    _S.SUBMITTED: ((_S.DRAFT, _S.SUBMITTED),),
    _S.RETURNED: ((_S.DRAFT, _S.SUBMITTED), (_S.SUBMITTED, _S.RETURNED)),
    _S.APPRAISED: ((_S.DRAFT, _S.SUBMITTED), (_S.SUBMITTED, _S.APPRAISED)),
    _S.PUBLIC_NOTICE: (
        (_S.DRAFT, _S.SUBMITTED),
        (_S.SUBMITTED, _S.APPRAISED),
        (_S.APPRAISED, _S.PUBLIC_NOTICE),
    ),
    _S.WITHDRAWN: ((_S.DRAFT, _S.WITHDRAWN),),
}
LINES_PER_NOMINATION = 10
RETURN_REASON = "Hồ sơ thiếu báo cáo thành tích của cá nhân; đề nghị bổ sung."
ACHIEVEMENTS = (
    "Hoàn thành xuất sắc nhiệm vụ được giao năm {year}, được đơn vị bình xét đứng đầu.",
    "Có sáng kiến cải tiến quy trình giải quyết hồ sơ, rút ngắn thời gian xử lý.",
    "Tích cực tham gia phong trào thi đua “Dân vận khéo” tại địa phương.",
    "Hoàn thành 100% chỉ tiêu chuyên môn, không có đơn thư khiếu nại.",
)


@dataclasses.dataclass
class NominationPlan:
    unit_id: int
    unit_name: str
    created_by: str  # username
    state: str
    lines: list[tuple[str, str, int]]  # (award code, subject kind, person or unit id)


class HistoryWriter:
    """Queues the awards and ratings of each authority as it is seeded; plans its nominations
    (written once the accounts exist)."""

    def __init__(self, *, year: int, years: int, seed: int) -> None:
        self.year, self.years, self.seed = year, years, seed
        self.awards = dict(Award.objects.values_list("code", "pk"))
        self.titles = RowWriter(
            TitleHeld,
            ("person_id", "unit_id", "award_id", "year", "decision_reference", "decided_on",
             "issuer_level", "decision_line_id", "revoked"),
        )  # fmt: skip
        self.person_years = RowWriter(
            PersonYear, ("person_id", "unit_id", "year", "duty_rating", "months_worked")
        )
        self.unit_years = RowWriter(UnitYear, ("unit_id", "year", "duty_rating"))
        self.nominations: dict[int, list[NominationPlan]] = {}

    def writers(self) -> list[RowWriter]:
        return [self.titles, self.person_years, self.unit_years]

    def add_authority(self, seeded: SeededAuthority, *, lines: int, accounts: dict) -> None:
        """The authority's history, and `lines` nominees of this year; `accounts` maps a unit
        code to the username who drafts its nominations."""
        rng = authority_rng(self.seed, seeded.number, "history")
        self._titles(seeded, rng)
        self.nominations[seeded.number] = self._nominations(seeded, rng, lines, accounts)

    def _titles(self, seeded: SeededAuthority, rng: random.Random) -> None:
        plan, level = seeded.plan, seeded.level
        first_year = self.year - self.years
        superior_level = AuthorityLevel.PROVINCE if level != AuthorityLevel.PROVINCE else level
        ratings = [rating for rating, _weight in _RATINGS]
        weights = [weight for _rating, weight in _RATINGS]
        for year in range(first_year, self.year):
            decided = datetime.date(year + 1, 1, 15)
            reference = f"{rng.randint(1, 400)}/QĐ-UBND"
            rated = year >= self.year - RATED_YEARS
            for employment in plan.employments:
                if employment.start_date.year > year or (
                    employment.end_date and employment.end_date.year < year
                ):
                    continue
                person = seeded.person_ids[employment.person]
                unit = seeded.unit_ids[employment.unit]
                if rated:
                    rating = rng.choices(ratings, weights)[0]
                    self.person_years.add((person, unit, year, rating, 12))
                draw = rng.random()
                if draw < LDTT_SHARE:
                    self._title(person, None, "ldtt", year, reference, decided, level)
                    if draw < LDTT_SHARE * CSTDCS_SHARE:
                        self._title(person, None, "cstdcs", year, reference, decided, level)
                if rng.random() < GIAY_KHEN_SHARE:
                    self._title(person, None, "giay_khen", year, reference, decided, level)
            for unit in plan.units:
                unit_id = seeded.unit_ids[unit.code]
                if rated:
                    self.unit_years.add((unit_id, year, rng.choices(ratings, weights)[0]))
                draw = rng.random()
                if draw < TTLDXS_SHARE:
                    self._title(None, unit_id, "ttldxs", year, reference, decided, superior_level)
                elif draw < TTLDTT_SHARE:
                    self._title(None, unit_id, "ttldtt", year, reference, decided, level)

    def _title(self, person, unit, code, year, reference, decided, level) -> None:
        self.titles.add(
            (person, unit, self.awards[code], year, reference, decided, level, None, False)
        )

    def _nominations(
        self, seeded: SeededAuthority, rng: random.Random, lines: int, accounts: dict
    ) -> list[NominationPlan]:
        plan = seeded.plan
        staff_by_unit: dict[str, list[int]] = {}
        for employment in plan.employments:
            if employment.end_date is None:
                staff_by_unit.setdefault(employment.unit, []).append(employment.person)
        made: list[NominationPlan] = []
        # The first unit (whose head has an account) proposes first, the others in turn.
        units = plan.units[:1] + rng.sample(plan.units[1:], k=len(plan.units) - 1)
        remaining, turn = lines, 0
        # Each nominee once: a unit's next nomination names people it has not named yet, and
        # the unit itself only in its first.
        named: set[int] = set()
        while remaining > 0 and turn < len(units) * lines:
            unit = units[turn % len(units)]
            turn += 1
            collective = turn <= len(units)
            people = [p for p in staff_by_unit.get(unit.code, []) if p not in named]
            count = min(LINES_PER_NOMINATION, remaining, len(people) + collective)
            if count == 0:
                continue
            nominees = rng.sample(people, k=count - collective)
            named.update(nominees)
            entries = [
                ("cstdcs" if rng.random() < 0.15 else "ldtt", SubjectKind.INDIVIDUAL,
                 seeded.person_ids[person])
                for person in nominees
            ]  # fmt: skip
            if collective:
                entries.append(("ttldtt", SubjectKind.COLLECTIVE, seeded.unit_ids[unit.code]))
            made.append(
                NominationPlan(
                    unit_id=seeded.unit_ids[unit.code],
                    unit_name=unit.name,
                    created_by=accounts.get(unit.code) or accounts[None],
                    state=STATE_CYCLE[len(made) % len(STATE_CYCLE)],
                    lines=entries,
                )
            )
            remaining -= count
        return made

    def write_nominations(self, authorities: dict[int, int], users: dict[str, int]) -> int:
        """Writes the planned nominations (`authorities` maps a number to an authority id,
        `users` a username to a user id); returns the number of lines."""
        nominations, plans = [], []
        for number, planned in sorted(self.nominations.items()):
            for item in planned:
                appraised = item.state in (_S.APPRAISED, _S.PUBLIC_NOTICE)
                nominations.append(
                    Nomination(
                        authority_id=authorities[number],
                        unit_id=item.unit_id,
                        year=self.year,
                        title=(f"Tờ trình đề nghị khen thưởng năm {self.year} của "
                               f"{item.unit_name}"),
                        summary="Đề nghị khen thưởng các cá nhân, tập thể có thành tích.",
                        state=item.state,
                        version=len(_PATHS[item.state]),
                        verdict=Verdict.ELIGIBLE if appraised else "",
                        notice_until=(datetime.date(self.year, 12, 15)
                                      if item.state == _S.PUBLIC_NOTICE else None),
                        created_by_id=users[item.created_by],
                    )
                )  # fmt: skip
                plans.append(item)
        Nomination.objects.bulk_create(nominations, batch_size=2000)
        lines, events = [], []
        for nomination, item in zip(nominations, plans, strict=True):
            appraised = item.state in (_S.APPRAISED, _S.PUBLIC_NOTICE)
            for position, (code, kind, subject) in enumerate(item.lines):
                individual = kind == SubjectKind.INDIVIDUAL
                lines.append(
                    NominationLine(
                        nomination=nomination,
                        award_id=self.awards[code],
                        subject_kind=kind,
                        person_id=subject if individual else None,
                        subject_unit_id=None if individual else subject,
                        achievement=ACHIEVEMENTS[position % len(ACHIEVEMENTS)].format(
                            year=self.year
                        ),
                        eligible=True if appraised else None,
                    )
                )
            for from_state, to_state in _PATHS[item.state]:
                events.append(
                    NominationEvent(
                        nomination=nomination,
                        from_state=from_state,
                        to_state=to_state,
                        by_id=nomination.created_by_id,
                        reason=RETURN_REASON if to_state == _S.RETURNED else "",
                    )
                )
        NominationLine.objects.bulk_create(lines, batch_size=5000)
        NominationEvent.objects.bulk_create(events, batch_size=5000)
        return len(lines)
