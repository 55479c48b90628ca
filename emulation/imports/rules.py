"""Who may bring data in: the thi đua staff and the administrator, for their own authority
(every import writes into the importing user's authority, nowhere else)."""

import rules

from emulation.rules import has_unit, is_administrator, is_authority_staff

rules.add_perm("emulation.import_data", has_unit & (is_authority_staff | is_administrator))
# Accounts are the administrator's: staff bring data in, they do not hand out sign-ins.
rules.add_perm("emulation.create_unit_accounts", has_unit & is_administrator)
rules.add_perm("emulation.manage_identity", has_unit & is_administrator)
