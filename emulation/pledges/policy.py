"""Settings of the pledge feature, read from Django settings with the defaults below.

- PLEDGE_NO_CONSECUTIVE_HEAD (True): a unit may not lead the same cluster two years running
  (bầu luân phiên, DOMAIN.md §7.1).
- PLEDGE_SIGN_AFTER_DEADLINE (False): whether a slot can still be signed after the deadline.
- PLEDGE_REAUTH_SECONDS (300): how long a password re-entry counts as fresh authentication
  (read by `config.reauth`, shared with the signing of decisions).
The address printed before the verification path in the QR code is the product's one public
address (PUBLIC_BASE_URL, config/public_address.py).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The consent statement a signer ticks. A changed text gets a new version id; each signature
# stores the id it was given, so that the wording agreed to can always be shown again.
CONSENT_VERSION = "2026-01"
CONSENT_TEXTS = {
    "2026-01": _(
        "Tôi đã đọc toàn bộ văn bản giao ước thi đua hiển thị ở trên, đồng ý với nội dung và "
        "đồng ý ký điện tử văn bản này thay mặt đơn vị. Tôi hiểu rằng chữ ký điện tử này có "
        "giá trị như chữ ký của tôi trên văn bản giấy."
    ),
}

VERIFY_UPLOAD_MAX_BYTES = 10 * 1024 * 1024


def no_consecutive_head() -> bool:
    return bool(getattr(settings, "PLEDGE_NO_CONSECUTIVE_HEAD", True))


def sign_after_deadline() -> bool:
    return bool(getattr(settings, "PLEDGE_SIGN_AFTER_DEADLINE", False))
