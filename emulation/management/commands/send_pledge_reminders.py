from django.utils.translation import gettext as _

from config.periodic_command import PeriodicCommand
from emulation.pledges.notices import send_pledge_reminders


class Command(PeriodicCommand):
    help = (
        "Gửi thư nhắc thủ trưởng các đơn vị chưa ký giao ước thi đua đang mở ký "
        "(mỗi đơn vị tối đa một lần mỗi ngày)."
    )

    def run_once(self) -> str:
        count = send_pledge_reminders()
        return _("Đã nhắc %(count)s đơn vị chưa ký.") % {"count": count}
