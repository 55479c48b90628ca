"""The consent statement the chairperson ticks when signing the year-end report. A changed
text gets a new version id; each signature stores the id it was given (as for decisions,
`awards.decisions.policy`, and pledges, `emulation.pledges.policy`)."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-01"
CONSENT_TEXTS = {
    "2026-01": _(
        "Tôi đã đọc toàn bộ nội dung báo cáo hiển thị ở trên, đồng ý với nội dung và đồng ý ký "
        "điện tử để ban hành báo cáo này. Tôi hiểu rằng chữ ký điện tử này có giá trị như chữ "
        "ký của tôi trên văn bản giấy."
    ),
}
