"""Who may do what with the authority's year-end report: its thi đua staff, the chairperson
(who signs it) and administrators read it and request its files; staff write it; the
chairperson signs it; the chairperson or staff file the copy signed with the chairperson's
token. Unit users and council members may not (403)."""

import rules

from emulation.rules import has_unit, is_administrator, is_authority_staff, is_chairperson

rules.add_perm(
    "reports.year_end_report", has_unit & (is_authority_staff | is_chairperson | is_administrator)
)
rules.add_perm("reports.edit_year_end_report", has_unit & is_authority_staff)
rules.add_perm("reports.sign_year_end_report", has_unit & is_chairperson)
# Filing the copy signed with the chairperson's token (the văn thư may file it for them).
rules.add_perm("reports.file_signed_report", has_unit & (is_chairperson | is_authority_staff))
