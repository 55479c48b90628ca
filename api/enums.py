from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    """What a client system's token reads: one authority's records, or a province's own and
    those of the authorities its units represent on the day of the request."""

    AUTHORITY = "authority", _("Một cơ quan")
    TREE = "tree", _("Cơ quan và các cơ quan cấp dưới")
