"""The consent statement the chairperson ticks when signing a decision. A changed text gets a
new version id; each signature stores the id it was given, so that the wording agreed to can
always be shown again (as for a pledge, `emulation.pledges.policy`)."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-01"
CONSENT_TEXTS = {
    "2026-01": _(
        "Tôi đã xem số quyết định, trích yếu, danh sách khen thưởng và tổng số tiền thưởng "
        "hiển thị ở trên, đồng ý với nội dung và đồng ý ký điện tử quyết định này. Tôi hiểu rằng "
        "chữ ký điện tử này có giá trị như chữ ký của tôi trên văn bản giấy."
    ),
}
