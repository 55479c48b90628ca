"""The shape of a workflow's history: one row per state change (`config.workflow.Workflow`
writes it with from_state, to_state, by and reason).

A concrete history adds the foreign key to its object (with the related name the workflow's
`history` names), its own Meta, and redeclares `from_state`/`to_state` when it wants the
states' choices and length (the score sheet's and the nomination's histories do).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateEvent(models.Model):
    """A move of an object's state: from, to, who, why and when (lịch sử trạng thái)."""

    from_state = models.CharField(_("từ"), max_length=20)
    to_state = models.CharField(_("sang"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    reason = models.TextField(_("lý do"), blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"
