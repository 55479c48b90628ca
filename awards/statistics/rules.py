"""Who reads the statistical forms: the authority's thi đua staff, its chairperson and its
administrator, for their own authority and every authority below it in the tree on the form's
day (a province's staff drill into each commune). Others of the authority get 403; an
authority outside the reader's reach is not found (404, `awards.statistics.views`)."""

import rules

from emulation.rules import has_unit, is_administrator, is_authority_staff, is_chairperson

rules.add_perm(
    "statistics.view_forms", has_unit & (is_authority_staff | is_chairperson | is_administrator)
)
