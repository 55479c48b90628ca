"""The awards domain: the catalogue and its rule sets by date, the records the rules read,
nominations (hồ sơ đề nghị), the council's secret ballot, the cluster's vote, decisions
(quyết định), submissions to the superior (tờ trình) and certificates (giấy khen).

Rule sets, coefficients and base salaries are stored with effective dates (DOMAIN §0): a 2024
dossier is judged by the 2024 rules, money by the base salary in force on the signing day.
`from awards.models import Nomination` keeps working.
"""

from awards.models.catalogue import Award, AwardRuleSet, BaseSalary
from awards.models.certificates import Certificate, CertificateTemplate
from awards.models.cluster_votes import (
    ClusterBallot,
    ClusterVote,
    ClusterVoteCandidate,
    ClusterVoteMember,
    ClusterVoteTally,
)
from awards.models.council import BallotCast, CouncilMembership, CouncilSession, VoteTally
from awards.models.decisions import Decision, DecisionLine, DecisionSignature
from awards.models.nominations import (
    Nomination,
    NominationAttachment,
    NominationEvent,
    NominationLine,
    Objection,
)
from awards.models.papers import DecisionRegister, SignedPaper
from awards.models.records import Discipline, Initiative, PersonYear, TitleHeld, UnitYear
from awards.models.submissions import Submission, SubmissionLine

__all__ = [
    "Award",
    "AwardRuleSet",
    "BallotCast",
    "BaseSalary",
    "Certificate",
    "CertificateTemplate",
    "ClusterBallot",
    "ClusterVote",
    "ClusterVoteCandidate",
    "ClusterVoteMember",
    "ClusterVoteTally",
    "CouncilMembership",
    "CouncilSession",
    "Decision",
    "DecisionLine",
    "DecisionRegister",
    "DecisionSignature",
    "Discipline",
    "Initiative",
    "Nomination",
    "NominationAttachment",
    "NominationEvent",
    "NominationLine",
    "Objection",
    "PersonYear",
    "SignedPaper",
    "Submission",
    "SubmissionLine",
    "TitleHeld",
    "UnitYear",
    "VoteTally",
]
