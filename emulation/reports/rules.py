"""Who may do what with the authority's year-end report: its thi đua staff, the chairperson
(who signs it) and administrators read it and request its files; staff write it; the
chairperson signs it. Unit users and council members may not (403)."""

import rules

from emulation.rules import has_unit, is_administrator, is_authority_staff, is_chairperson

rules.add_perm(
    "reports.year_end_report", has_unit & (is_authority_staff | is_chairperson | is_administrator)
)
rules.add_perm("reports.edit_year_end_report", has_unit & is_authority_staff)
rules.add_perm("reports.sign_year_end_report", has_unit & is_chairperson)
