"""Accounts for units' heads and clerks, created in bulk (tài khoản đơn vị).

A new authority imports its units, then its administrator gives every unit a head account
(thủ trưởng) and a clerk account (cán bộ đơn vị) at once. Each gets a username built from the
unit's code ("thutruong.p-bn", "canbo.p-bn") and a random initial password that is shown once,
in the spreadsheet handed to the units; `must_change_password` then keeps the account on the
password change page until its holder chooses their own (config.middleware).
"""

import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from config.permissions import require
from emulation.enums import Role, choice_label
from emulation.models import Unit, User
from emulation.spreadsheets import Sheet, xlsx_bytes

logger = logging.getLogger(__name__)

PREFIXES = {Role.UNIT_HEAD: "thutruong", Role.UNIT_CLERK: "canbo"}
# Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
UNAMBIGUOUS_CHARACTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INITIAL_PASSWORD_LENGTH = 12


class AccountError(Exception):
    """Nothing was created; the message is Vietnamese and shown to the user."""


@dataclass(frozen=True)
class NewAccount:
    unit: Unit
    role: str
    username: str
    password: str


def _slug(code: str) -> str:
    """ "P.BN 01" → "p-bn-01": the unit code without diacritics, in lower case."""
    plain = unicodedata.normalize("NFKD", code.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def initial_password() -> str:
    while True:
        password = "".join(
            secrets.choice(UNAMBIGUOUS_CHARACTERS) for _ in range(INITIAL_PASSWORD_LENGTH)
        )
        # At least one letter and one digit, so no validator calls it entirely numeric.
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def units_and_accounts(user: User):
    """The authority's units in force, each with the roles that already have an active account."""
    units = list(Unit.objects.active().filter(authority_id=user.authority_id))
    held: dict[int, set[str]] = {}
    for unit_id, role in User.objects.filter(
        unit__in=units, role__in=list(PREFIXES), is_active=True
    ).values_list("unit_id", "role"):
        held.setdefault(unit_id, set()).add(role)
    return [(unit, held.get(unit.pk, set())) for unit in units]


def create_unit_accounts(*, user: User, unit_ids: list[int], roles: list[str]) -> list[NewAccount]:
    """A head and/or clerk account for each chosen unit of the user's authority that has no
    active account of that role yet; the others are left as they are.

    Preconditions: `emulation.create_unit_accounts` (NotPermitted); at least one unit and one
    role, every unit in force in the user's authority (AccountError). All or nothing.
    """
    require(user, "emulation.create_unit_accounts")
    if not unit_ids:
        raise AccountError(_("Hãy chọn ít nhất một đơn vị."))
    if not roles or any(role not in PREFIXES for role in roles):
        raise AccountError(_("Hãy chọn loại tài khoản: thủ trưởng, cán bộ đơn vị hoặc cả hai."))
    units = {unit.pk: (unit, held) for unit, held in units_and_accounts(user)}
    if any(unit_id not in units for unit_id in unit_ids):
        raise AccountError(_("Có đơn vị không thuộc cơ quan hoặc đã giải thể; hãy tải lại trang."))
    prefixes = Q()
    for prefix in PREFIXES.values():
        prefixes |= Q(username__startswith=f"{prefix}.")
    taken = set(User.objects.filter(prefixes).values_list("username", flat=True))
    created: list[NewAccount] = []
    with transaction.atomic():
        for unit_id in unit_ids:
            unit, held = units[unit_id]
            for role in roles:
                if role in held:
                    continue
                base = f"{PREFIXES[role]}.{_slug(unit.code) or unit.pk}"
                username, number = base, 1
                while username in taken:
                    number += 1
                    username = f"{base}-{number}"
                taken.add(username)
                password = initial_password()
                account = User(
                    username=username,
                    role=role,
                    unit=unit,
                    must_change_password=True,
                )
                account.set_password(password)
                account.save()
                created.append(NewAccount(unit, role, username, password))
    logger.info("%d unit accounts created by %s", len(created), user.pk)
    return created


def accounts_sheet(accounts: list[NewAccount], *, sign_in_url: str) -> bytes:
    """The spreadsheet handed to the units: who signs in where, with which first password."""
    rows = [
        [
            _("Mã đơn vị"),
            _("Tên đơn vị"),
            _("Vai trò"),
            _("Tên đăng nhập"),
            _("Mật khẩu ban đầu"),
            _("Địa chỉ đăng nhập"),
        ]
    ]
    for account in accounts:
        rows.append(
            [
                account.unit.code,
                account.unit.name,
                choice_label(Role, account.role),
                account.username,
                account.password,
                sign_in_url,
            ]
        )
    return xlsx_bytes([Sheet("Tai khoan don vi", rows)])
