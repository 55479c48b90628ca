"""What a decision says in words (DOMAIN §10.1): its trích yếu ("Về việc tặng Giấy khen cho
…"), the recipients of Điều 1 counted once each, and the phrases both are made of.

Read by the drafting service (the decision's title) and by the decision's PDF, so that the
list, the signing page and the paper say the same thing.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from awards.enums import PRINTED_FORM_NAMES, AwardCategory, SubjectKind
from awards.models import NominationLine


def join_words(words: list[str]) -> str:
    """ "A", "A và B", "A, B và C": the Vietnamese list."""
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s và %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


@dataclass(frozen=True)
class Recipients:
    """How many collectives, individuals and households a decision rewards, each counted
    once however many awards it receives."""

    collectives: int
    individuals: int
    households: int

    def counted(self) -> str:
        """ "2 tập thể và 13 cá nhân": the kinds present, with their numbers."""
        parts = [
            _("%(count)s tập thể") % {"count": self.collectives} if self.collectives else "",
            _("%(count)s cá nhân") % {"count": self.individuals} if self.individuals else "",
            _("%(count)s hộ gia đình") % {"count": self.households} if self.households else "",
        ]
        return join_words([part for part in parts if part])

    def kinds(self) -> str:
        """ "tập thể, cá nhân": the kinds present, as the trích yếu names them."""
        parts = [
            _("tập thể") if self.collectives else "",
            _("cá nhân") if self.individuals else "",
            _("hộ gia đình") if self.households else "",
        ]
        return ", ".join(part for part in parts if part)


def _subject_key(nominee: NominationLine) -> tuple:
    if nominee.subject_kind == SubjectKind.INDIVIDUAL:
        return (SubjectKind.INDIVIDUAL, nominee.person_id)
    if nominee.subject_kind == SubjectKind.COLLECTIVE:
        return (SubjectKind.COLLECTIVE, nominee.subject_unit_id)
    name = " ".join(nominee.household_name.split()).casefold()
    return (SubjectKind.HOUSEHOLD, nominee.nomination.unit_id, name)


def count_recipients(nominees: Iterable[NominationLine]) -> Recipients:
    """Each person, collective and household once: two awards of one person are one person."""
    keys = {_subject_key(nominee) for nominee in nominees}
    kinds = [key[0] for key in keys]
    return Recipients(
        collectives=kinds.count(SubjectKind.COLLECTIVE),
        individuals=kinds.count(SubjectKind.INDIVIDUAL),
        households=kinds.count(SubjectKind.HOUSEHOLD),
    )


def printed_form_name(award) -> str:
    """The short name of a form of commendation ("Giấy khen"), or the award's own name."""
    return str(PRINTED_FORM_NAMES.get(award.code, award.name))


def _awards_phrase(nominees: list[NominationLine]) -> tuple[str, bool]:
    """ "công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen", and whether the
    decision recognises titles only."""
    titles: list[str] = []
    forms: list[str] = []
    for nominee in nominees:
        award = nominee.award
        if award.category == AwardCategory.TITLE:
            name = award.name
            if name not in titles:
                titles.append(name)
        else:
            name = printed_form_name(award)
            if name not in forms:
                forms.append(name)
    parts = []
    if titles:
        parts.append(_("công nhận danh hiệu %(titles)s") % {"titles": join_words(titles)})
    if forms:
        parts.append(_("tặng %(forms)s") % {"forms": join_words(forms)})
    return join_words(parts), not forms


def decision_subject(nominees: Iterable[NominationLine], year: int) -> str:
    """The trích yếu: "Về việc tặng Giấy khen cho tập thể, cá nhân đã có thành tích trong
    phong trào thi đua năm 2025"; titles alone: "Về việc công nhận danh hiệu Lao động tiên
    tiến năm 2025". The year is written without a thousands separator."""
    nominees = list(nominees)
    phrase, titles_only = _awards_phrase(nominees)
    if titles_only:
        return _("Về việc %(awards)s năm %(year)s") % {"awards": phrase, "year": str(year)}
    sentence = _(
        "Về việc %(awards)s cho %(kinds)s đã có thành tích trong phong trào thi đua năm %(year)s"
    )
    return sentence % {
        "awards": phrase,
        "kinds": count_recipients(nominees).kinds(),
        "year": str(year),
    }


def article_one(nominees: Iterable[NominationLine], year: int) -> str:
    """Điều 1 after its number: "Tặng Giấy khen cho 2 tập thể và 13 cá nhân (có danh sách
    kèm theo) đã có thành tích trong phong trào thi đua năm 2025."; no category with none."""
    nominees = list(nominees)
    phrase, titles_only = _awards_phrase(nominees)
    arguments = {
        "awards": phrase[:1].upper() + phrase[1:],
        "recipients": count_recipients(nominees).counted(),
        "year": str(year),
    }
    if titles_only:
        return _("%(awards)s năm %(year)s cho %(recipients)s (có danh sách kèm theo).") % arguments
    return (
        _(
            "%(awards)s cho %(recipients)s (có danh sách kèm theo) đã có thành tích trong "
            "phong trào thi đua năm %(year)s."
        )
        % arguments
    )
