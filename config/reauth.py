"""What every electronic signature of the product shares (a pledge's, a decision's): the
password entered again just before signing, with axes' lockout applied by `authenticate`,
and the evidence a request gives about where the signature came from.

- PLEDGE_REAUTH_SECONDS (300): how long a password re-entry counts as fresh authentication,
  for every kind of signature (the setting keeps the name it was introduced with).
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate, update_session_auth_hash
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.network import client_address

# One moment of re-authentication serves every signing page of the session.
REAUTH_SESSION_KEY = "pledges_reauthenticated_at"


class AuthMethod(models.TextChoices):
    PASSWORD = "password", _("Nhập lại mật khẩu khi ký")
    RECENT_PASSWORD = "recent_password", _("Đã nhập lại mật khẩu trong 5 phút trước khi ký")


class SignatureEvidence(models.Model):
    """The evidence every signature keeps (RELIABILITY.md §1.3 #4): the signer's name and
    role, how they re-authenticated, the consent version agreed to, the SHA-256 of what they
    were shown, when, and where the request came from. Never changed after creation."""

    signer_name = models.CharField(_("họ tên người ký"), max_length=200)
    role = models.CharField(_("vai trò"), max_length=30)
    auth_method = models.CharField(_("xác thực"), max_length=20, choices=AuthMethod.choices)
    consent_version = models.CharField(_("phiên bản lời đồng ý"), max_length=20)
    document_sha256 = models.CharField(_("SHA-256 văn bản đã xem"), max_length=64)
    signed_at = models.DateTimeField(_("ký lúc (UTC)"))
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=400, blank=True)
    session_key_hash = models.CharField(_("SHA-256 khóa phiên"), max_length=64)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class RequestMeta:
    """What a request tells about where a signature came from."""

    ip_address: str | None
    user_agent: str
    session_key: str

    @property
    def session_key_hash(self) -> str:
        return hashlib.sha256(self.session_key.encode()).hexdigest()


def meta_from_request(request) -> RequestMeta:
    return RequestMeta(
        ip_address=client_address(request) or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
        session_key=request.session.session_key or "",
    )


def reauth_seconds() -> int:
    return int(getattr(settings, "PLEDGE_REAUTH_SECONDS", 300))


def fresh_authentication(request, password: str) -> tuple[AuthMethod, datetime.datetime] | None:
    """The password entered again now (checked by `authenticate`, so a locked-out user is
    refused), or within `reauth_seconds()` earlier in this session; None otherwise."""
    now = timezone.now()
    if password:
        user = authenticate(request, username=request.user.get_username(), password=password)
        if user is None or user.pk != request.user.pk:
            return None
        # A successful check may upgrade the stored hash (another hasher, more iterations);
        # without this the session's auth hash no longer matches and the signer is signed out.
        update_session_auth_hash(request, user)
        request.session[REAUTH_SESSION_KEY] = now.isoformat()
        return AuthMethod.PASSWORD, now
    stored = request.session.get(REAUTH_SESSION_KEY)
    if not stored:
        return None
    at = datetime.datetime.fromisoformat(stored)
    if not is_fresh(at, now):
        return None
    return AuthMethod.RECENT_PASSWORD, at


def is_fresh(authenticated_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether a re-authentication at `authenticated_at` still counts at `now`."""
    age = (now - authenticated_at).total_seconds()
    return 0 <= age <= reauth_seconds()


def signing_arguments(request, form) -> dict | None:
    """A bound signing form (the hash shown, the consent version, the consent, the password)
    as the keyword arguments of a signing service: `shown_hash`, `consent_version`,
    `auth_method`, `authenticated_at`, `meta`. None when the form is invalid or the password
    is wrong or missing (the error is then on the form)."""
    if not form.is_valid():
        return None
    auth = fresh_authentication(request, form.cleaned_data["password"])
    if auth is None:
        form.add_error("password", gettext("Mật khẩu không đúng hoặc chưa nhập lại mật khẩu."))
        return None
    return {
        "shown_hash": form.cleaned_data["document_sha256"],
        "consent_version": form.cleaned_data["consent_version"],
        "auth_method": auth[0],
        "authenticated_at": auth[1],
        "meta": meta_from_request(request),
    }


def evidence(
    *,
    user,
    shown_hash: str,
    consent_version: str,
    auth_method: AuthMethod,
    signed_at: datetime.datetime,
    meta: RequestMeta,
) -> dict:
    """The fields of a `SignatureEvidence` row for `user` signing now with `meta`."""
    return {
        "signer_name": signer_name(user),
        "role": user.role,
        "auth_method": auth_method,
        "consent_version": consent_version,
        "document_sha256": shown_hash,
        "signed_at": signed_at,
        "ip_address": meta.ip_address,
        "user_agent": meta.user_agent,
        "session_key_hash": meta.session_key_hash,
    }


def signer_name(user) -> str:
    """The signer's name as recorded in the evidence: the person's full name, else the
    account's name, else its login."""
    if user.person_id:
        return user.person.full_name
    return user.get_full_name() or user.get_username()
