"""The URL policy table of the authorization matrix (tests/authz/test_matrix.py).

Every URL pattern of the project (walked from the resolver, admin excluded: the admin is covered
by its own row prefix) must have one row here, or the matrix fails. Row format:

    "namespace:name": Row(
        kwargs=lambda o: {"pk": o["nomination"].pk},  # URL arguments from the world's
                                                       #   objects (world.py: o["unit"]…)
        get=STAFF | {Role.UNIT_HEAD},  # roles whose GET on the OWN object succeeds;
                                       #   NONE for POST-only views (GET may answer 405)
        post=STAFF,     # roles whose POST may act (None: the same as `get`)
        public=False,   # True: anonymous may open it too
        scoped=True,    # False: no unit's/authority's object in the URL (lists, forms)
        superior=NONE,  # roles of the province P above A that GET A's object too (the
                        #   tree lets a province read what its communes report upward)
    )

Expectations drawn from a row, per principal (tests/authz/world.py):
- anonymous: redirect to the sign-in page (unless public);
- a role not in `get`/`post`: 403 (or 404 where the object is out of its scope anyway);
- a role in the set, own scope: not 403/404 (200, or a redirect/400 answer of the form);
- any role, another authority's / another unit's object (scoped rows): 404 (403 if the role
  has no right at all), except P's roles in `superior`, which succeed;
- no response body seen by another unit or authority contains the owning unit's canary text.

To add a URL: add one row; use an existing object of the world or add one in world.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from emulation.enums import Role

ALL = frozenset(Role)
WIDE = frozenset({Role.AUTHORITY_STAFF, Role.COUNCIL_MEMBER, Role.CHAIRPERSON, Role.ADMINISTRATOR})
UNIT = frozenset({Role.UNIT_HEAD, Role.UNIT_CLERK})
STAFF = frozenset({Role.AUTHORITY_STAFF, Role.ADMINISTRATOR})
NONE = frozenset()


@dataclass(frozen=True)
class Row:
    kwargs: Callable = lambda o: {}
    get: frozenset = ALL
    post: frozenset | None = None  # None: the same roles as `get`
    public: bool = False
    scoped: bool = True
    superior: frozenset = frozenset()


def _pk(key):
    return lambda o: {"pk": o[key].pk}


def _attachment(o):
    return {"pk": o["nomination"].pk, "attachment_id": o["attachment"].pk}


def _period(o):
    return {"year": o["period"].year, "period": o["period"].kind}


def _records(o):
    return {"unit_id": o["unit"].pk, "year": o["year"]}


def _item(o):
    return {"pk": o["pledge"].pk, "item_id": o["item"].pk}


def _activity(o):
    return {"pk": o["pledge"].pk, "activity_id": o["activity"].pk}


def _version(o):
    return {"version_id": o["version"].pk}


def _registration(o):
    return {"year": o["registration"].round.year, "unit_id": o["registration"].unit_id}


def _code(o):
    return {"code": o["certificate"].code}


RECORDS = UNIT | {Role.AUTHORITY_STAFF}
MOVEMENT_STAFF = STAFF
EXEMPLARY_EDITORS = STAFF | UNIT
SHEET_MOVERS = frozenset({Role.AUTHORITY_STAFF, Role.UNIT_HEAD})
YEAR_END = frozenset({Role.AUTHORITY_STAFF, Role.CHAIRPERSON, Role.ADMINISTRATOR})
VOTERS = frozenset({Role.COUNCIL_MEMBER, Role.CHAIRPERSON})
PLEDGE_EDITORS = STAFF | {Role.UNIT_HEAD}
CLUSTER_VOTERS = frozenset({Role.UNIT_HEAD})  # the member units' heads
CLUSTER_VOTE_ORGANISERS = frozenset({Role.UNIT_HEAD, Role.AUTHORITY_STAFF})
CLUSTER_VOTE_VIEWERS = CLUSTER_VOTERS | WIDE

ROWS: dict[str, Row] = {
    # Sign-in pages and language switch: open to everyone.
    "login": Row(public=True, scoped=False, post=ALL),
    "logout": Row(get=NONE, public=True, scoped=False, post=ALL),
    "password_change": Row(scoped=False),
    "set_language": Row(public=True, scoped=False, post=ALL),
    "health": Row(public=True, scoped=False),
    "favicon": Row(public=True, scoped=False),
    # emulation
    "emulation:home": Row(scoped=False),
    "emulation:unit_list": Row(scoped=False),
    "emulation:unit_directory_print": Row(get=NONE, scoped=False, post=ALL),
    "emulation:outstanding": Row(get=STAFF, scoped=False),
    "emulation:unit_detail": Row(_pk("unit")),
    "emulation:person_detail": Row(_pk("person")),
    # Nhập dữ liệu: thi đua staff and the administrator, into their own authority only (the
    # template of another authority's staff holds that authority's data; a written import of
    # another authority is not found).
    "emulation:import_guide": Row(get=STAFF, scoped=False),
    "emulation:unit_accounts": Row(get={Role.ADMINISTRATOR}, scoped=False),
    "emulation:authority_identity": Row(get={Role.ADMINISTRATOR}, scoped=False),
    "emulation:import_upload": Row(lambda o: {"kind": "can-bo"}, get=STAFF, scoped=False),
    "emulation:import_template": Row(lambda o: {"kind": "can-bo"}, get=STAFF, scoped=False),
    "emulation:import_confirm": Row(
        lambda o: {"kind": "can-bo"}, get=NONE, post=STAFF, scoped=False
    ),
    "emulation:import_detail": Row(_pk("data_import"), get=STAFF),
    # targets
    "targets:dashboard": Row(scoped=False),
    "targets:grid_authority": Row(lambda o: {**_period(o), "kind": "plan"}, get=NONE),
    "targets:grid": Row(
        lambda o: {"unit_id": o["unit"].pk, **_period(o), "kind": "plan"}, get=NONE
    ),
    "targets:history": Row(_pk("target"), get=WIDE),
    "targets:evidence": Row(_pk("actual"), get=NONE),  # no evidence file: 404
    "targets:periods": Row(lambda o: {"year": o["period"].year}, get=STAFF, scoped=False),
    "targets:close_period": Row(_period, get=NONE, post=STAFF, scoped=False),
    "targets:reopen_period": Row(_period, get=NONE, post=STAFF, scoped=False),
    "targets:copy_year": Row(get=NONE, post=STAFF, scoped=False),
    "targets:catalogue": Row(get=STAFF, scoped=False),
    "targets:target_create": Row(get=STAFF, scoped=False),
    "targets:target_edit": Row(_pk("target"), get=STAFF),
    "targets:export": Row(scoped=False),
    "targets:import": Row(get=STAFF | UNIT, scoped=False),
    "targets:import_confirm": Row(get=NONE, post=STAFF | UNIT, scoped=False),
    # awards
    "awards:nomination_list": Row(scoped=False),
    "awards:nomination_create": Row(get=UNIT, scoped=False),
    "awards:nomination_detail": Row(_pk("nomination")),
    "awards:nominee_add": Row(_pk("nomination"), get=NONE, post=UNIT),
    "awards:nominee_remove": Row(
        lambda o: {"pk": o["nomination"].pk, "line_id": o["nomination"].lines.first().pk},
        get=NONE,
        post=UNIT,
    ),
    "awards:attachment_add": Row(_pk("nomination"), get=NONE, post=UNIT),
    "awards:attachment_download": Row(_attachment),
    "awards:attachment_remove": Row(_attachment, get=NONE, post=UNIT),
    "awards:nomination_submit": Row(_pk("nomination"), get=NONE, post={Role.UNIT_HEAD}),
    "awards:nomination_withdraw": Row(_pk("nomination"), get=NONE, post={Role.UNIT_HEAD}),
    "awards:nomination_review": Row(
        lambda o: {"pk": o["nomination"].pk, "action": "appraise"},
        get=NONE,
        post={Role.AUTHORITY_STAFF},
    ),
    "awards:review_queue": Row(get={Role.AUTHORITY_STAFF}, scoped=False),
    "awards:review_bulk_appraise": Row(get=NONE, post={Role.AUTHORITY_STAFF}, scoped=False),
    "awards:history": Row(scoped=False),
    "awards:records": Row(_records, get=RECORDS),
    "awards:records_export": Row(_records, get=RECORDS),
    "awards:records_import": Row(_records, get=NONE, post=RECORDS),
    "awards:ballot_list": Row(get=VOTERS, scoped=False),
    "awards:vote": Row(_pk("session"), get=NONE),  # the session is not open for voting
    "awards:session_list": Row(get={Role.AUTHORITY_STAFF}, scoped=False),
    # the cluster's secret vote (awards/rules.py): the bloc's open vote on its final round;
    # the owning unit heads the bloc and its head is a member. Its members and the authority's
    # wide roles follow it, only members vote, the head unit's head and thi đua staff open
    # (refused here with a message: the round has its vote) and close it.
    "awards:cluster_vote_open": Row(
        lambda o: {"round_pk": o["sheet"].round_id}, get=NONE, post=CLUSTER_VOTE_ORGANISERS
    ),
    "awards:cluster_vote": Row(_pk("cluster_vote"), get=CLUSTER_VOTE_VIEWERS, post=CLUSTER_VOTERS),
    "awards:cluster_vote_close": Row(_pk("cluster_vote"), get=NONE, post=CLUSTER_VOTE_ORGANISERS),
    "awards:session_detail": Row(_pk("session"), get={Role.AUTHORITY_STAFF}),
    "awards:session_action": Row(
        lambda o: {"pk": o["session"].pk, "action": "open"},
        get=NONE,
        post={Role.AUTHORITY_STAFF},
    ),
    "awards:decision_list": Row(get=WIDE, scoped=False),
    "awards:decision_detail": Row(_pk("decision"), get=WIDE),
    "awards:decision_sign": Row(_pk("decision"), get={Role.CHAIRPERSON}),
    "awards:decision_revoke": Row(_pk("decision"), get=NONE, post={Role.CHAIRPERSON}),
    "awards:decision_print": Row(_pk("decision"), get=NONE, post=WIDE),
    "awards:decision_file_signed": Row(
        _pk("decision"), get=NONE, post={Role.CHAIRPERSON, Role.AUTHORITY_STAFF}
    ),
    # The signed decision of the world (certificate_decision) has a sealed original.
    "awards:decision_signed_original": Row(_pk("certificate_decision"), get=WIDE),
    "awards:submission_list": Row(get=WIDE, scoped=False),
    "awards:submission_create": Row(get={Role.AUTHORITY_STAFF}, scoped=False),
    "awards:submission_detail": Row(_pk("submission"), get=WIDE),
    "awards:submission_sign": Row(_pk("submission"), get=NONE, post={Role.CHAIRPERSON}),
    "awards:submission_outcome": Row(
        lambda o: {"pk": o["submission"].pk, "outcome": "approved"},
        get=NONE,
        post={Role.AUTHORITY_STAFF},
    ),
    "awards:submission_print": Row(_pk("submission"), get=NONE, post=WIDE),
    "awards:propose_exemplary": Row(
        lambda o: {"exemplary_id": o["exemplary"].pk}, get=NONE, post=UNIT
    ),
    # certificates (awards/certificates/views.py) and the public verification pages
    "awards:decision_certificates": Row(
        _pk("certificate_decision"), get=NONE, post={Role.AUTHORITY_STAFF}
    ),
    "awards:certificate_download": Row(_pk("certificate"), get=WIDE),
    "awards:certificate_correct": Row(_pk("certificate"), get={Role.AUTHORITY_STAFF}),
    "awards:certificate_template": Row(get={Role.AUTHORITY_STAFF}, scoped=False),
    "awards:certificate_calibration": Row(get={Role.AUTHORITY_STAFF}, scoped=False),
    "awards:certificate_lookup": Row(public=True, scoped=False),
    "awards:certificate_verify": Row(_code, public=True, scoped=False),  # shows the holder
    "awards:certificate_public_file": Row(_code, public=True, scoped=False),
    "awards:decision_verify": Row(public=True, scoped=False, post=ALL),
    # documents
    "documents:job_list": Row(scoped=False),
    "documents:job_detail": Row(_pk("job"), get={Role.ADMINISTRATOR}),
    "documents:job_status": Row(_pk("job"), get={Role.ADMINISTRATOR}),
    "documents:job_download": Row(_pk("job"), get=NONE),  # the job has no file yet
    "documents:job_retry": Row(_pk("job"), get=NONE, post=NONE),  # only the requester
    # pledges
    "pledges:list": Row(scoped=False),
    "pledges:create": Row(lambda o: {"cluster_id": o["cluster"].pk}, get=NONE, post=PLEDGE_EDITORS),
    "pledges:detail": Row(_pk("pledge")),
    "pledges:open": Row(_pk("pledge"), get=NONE, post=PLEDGE_EDITORS),
    "pledges:amend": Row(_pk("pledge"), get=NONE, post=PLEDGE_EDITORS),
    "pledges:comment": Row(_pk("pledge"), get=NONE, post=ALL),
    "pledges:edit": Row(_pk("pledge"), get=PLEDGE_EDITORS),
    "pledges:item_add": Row(_pk("pledge"), get=NONE, post=PLEDGE_EDITORS),
    "pledges:item_edit": Row(_item, get=NONE, post=PLEDGE_EDITORS),
    "pledges:item_delete": Row(_item, get=NONE, post=PLEDGE_EDITORS),
    "pledges:activity_add": Row(_pk("pledge"), get=NONE, post=PLEDGE_EDITORS),
    "pledges:activity_edit": Row(_activity, get=NONE, post=PLEDGE_EDITORS),
    "pledges:activity_delete": Row(_activity, get=NONE, post=PLEDGE_EDITORS),
    "pledges:sign": Row(_version, get={Role.UNIT_HEAD}),
    "pledges:decline": Row(_version, get=NONE, post={Role.UNIT_HEAD}),
    "pledges:document": Row(_version, get=NONE),  # not rendered yet: 404
    "pledges:final_document": Row(_version, get=NONE),  # not signed yet: 404
    "pledges:verify": Row(public=True, scoped=False, post=ALL),
    # movements (emulation/movements/rules.py): any role reads the movements its unit takes
    # part in (authority-wide roles: all of the authority's); thi đua staff manage them.
    "movements:list": Row(scoped=False),
    "movements:create": Row(get=MOVEMENT_STAFF, scoped=False),
    "movements:detail": Row(_pk("movement")),
    "movements:edit": Row(_pk("movement"), get=MOVEMENT_STAFF),
    "movements:document_add": Row(_pk("movement"), get=NONE, post=MOVEMENT_STAFF),
    "movements:milestone_add": Row(_pk("movement"), get=NONE, post=MOVEMENT_STAFF),
    "movements:milestone_report": Row(
        lambda o: {"pk": o["movement"].pk, "milestone_id": o["milestone"].pk},
        get=NONE,
        post=MOVEMENT_STAFF,
    ),
    "movements:document_download": Row(lambda o: {"document_id": o["document"].pk}),
    "movements:milestone_download": Row(lambda o: {"milestone_id": o["milestone"].pk}),
    # the year's registration: the unit's head and clerk edit their own draft, the head
    # sends it; staff open the round, read every unit's and return it.
    "movements:registration_overview": Row(get=MOVEMENT_STAFF, scoped=False),
    # the user's own unit's registration: no unit in the URL (each sees their own)
    "movements:registration_mine": Row(
        lambda o: {"year": o["registration"].round.year},
        get=MOVEMENT_STAFF | UNIT,
        post=UNIT,
        scoped=False,
    ),
    "movements:registration_unit": Row(_registration, get=MOVEMENT_STAFF | UNIT, post=UNIT),
    "movements:registration_submit": Row(_registration, get=NONE, post={Role.UNIT_HEAD}),
    "movements:registration_return": Row(_registration, get=NONE, post=MOVEMENT_STAFF),
    "movements:registration_line_delete": Row(
        lambda o: {"line_id": o["registration_line"].pk}, get=NONE, post=UNIT
    ),
    # exemplary stories: read by any role in scope, written by staff and the unit's users
    "movements:exemplary_list": Row(scoped=False),
    "movements:exemplary_create": Row(get=EXEMPLARY_EDITORS, scoped=False),
    "movements:exemplary_detail": Row(_pk("exemplary")),
    "movements:exemplary_edit": Row(_pk("exemplary"), get=EXEMPLARY_EDITORS),
    "movements:photo_add": Row(_pk("exemplary"), get=NONE, post=EXEMPLARY_EDITORS),
    "movements:photo": Row(lambda o: {"photo_id": o["photo"].pk}),
    # the year-end report (emulation/reports/rules.py)
    "reports:year_end": Row(get=YEAR_END, scoped=False),
    "reports:year_end_annex": Row(lambda o: {"year": o["year"]}, get=YEAR_END, scoped=False),
    # the year's report: read by YEAR_END roles, written by thi đua staff, signed by the
    # chairperson; the issued file answers 404 until the report is signed
    "reports:year_end_report": Row(
        lambda o: {"year": o["year"]},
        get=YEAR_END,
        post=frozenset({Role.AUTHORITY_STAFF}),
        scoped=False,
    ),
    "reports:year_end_sign": Row(
        lambda o: {"year": o["year"]}, get=frozenset({Role.CHAIRPERSON}), scoped=False
    ),
    "reports:year_end_issued": Row(lambda o: {"year": o["year"]}, get=NONE, scoped=False),
    # The world's report is not issued: nothing to file (a redirect with the reason) and no
    # original to download (404); tests/emulation/reports/test_signed_original.py covers both
    # with an issued report, per role and authority.
    "reports:year_end_file_signed": Row(
        lambda o: {"year": o["year"]},
        get=NONE,
        post={Role.CHAIRPERSON, Role.AUTHORITY_STAFF},
        scoped=False,
    ),
    "reports:year_end_signed_original": Row(lambda o: {"year": o["year"]}, get=NONE, scoped=False),
    # the statistical forms (awards/statistics/rules.py): read by YEAR_END roles for their own
    # authority and the authorities below it; the drill-down pages name an authority, which
    # another authority's readers do not reach (404). A province's staff reaching a commune and
    # a commune refused its province are tests/awards/test_statistics_pages.py.
    "statistics:index": Row(get=YEAR_END, scoped=False),
    "statistics:form": Row(lambda o: {"slug": "0603"}, get=YEAR_END, scoped=False),
    "statistics:form_xlsx": Row(lambda o: {"slug": "0601"}, get=YEAR_END, scoped=False),
    "statistics:authority_form": Row(
        lambda o: {"slug": "0603", "authority_id": o["unit"].authority_id},
        get=YEAR_END,
        superior=YEAR_END,
    ),
    "statistics:authority_form_xlsx": Row(
        lambda o: {"slug": "0601", "authority_id": o["unit"].authority_id},
        get=YEAR_END,
        superior=YEAR_END,
    ),
    # cluster scoring (emulation/scoring/rules.py): the round of the owning unit's cluster,
    # its final (published) sheet
    "scoring:list": Row(scoped=False),
    "scoring:round": Row(lambda o: {"pk": o["sheet"].round_id}),
    "scoring:export": Row(lambda o: {"pk": o["sheet"].round_id}),
    "scoring:print": Row(lambda o: {"pk": o["sheet"].round_id}, get=NONE, post=ALL),
    "scoring:sheet": Row(_pk("sheet")),
    "scoring:score": Row(_pk("sheet"), get=NONE, post=NONE),  # a final sheet takes no score
    "scoring:move": Row(_pk("sheet"), get=NONE, post=SHEET_MOVERS),
}


# Cross-level objects (issue 18): objects of the province P above A that A's records reach. Each
# row is a URL pattern with a P object; `get` are the roles of P whose GET succeeds ("superior"
# principals); every principal of A or B, whatever its role, gets 404 (or 403 without the
# right at all). tests/authz/test_matrix.py runs them as "cross:<name>-<principal>" cells.
CROSS_ROWS: dict[str, Row] = {
    # P's nomination received from A's submission: P's staff, council and chairperson read it
    # with A's dossier; A's users (the nominee's own authority) do not open P's record.
    "awards:nomination_detail": Row(_pk("received_nomination"), get=WIDE),
    # A's evidence file, through P's received nomination.
    "awards:attachment_download": Row(
        lambda o: {
            "pk": o["received_nomination"].pk,
            "attachment_id": o["received_attachment"].pk,
        },
        get=WIDE,
    ),
    # P's own statistical form with its breakdown of A and its other communes: P's readers
    # only; A's users never read their province's figures.
    "statistics:authority_form": Row(
        lambda o: {"slug": "0603", "authority_id": o["received_nomination"].authority_id},
        get=YEAR_END,
    ),
}
