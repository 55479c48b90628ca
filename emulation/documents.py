"""What the emulation app's PDFs contain. Each builder is registered with the document core and
runs in a worker: it reads through the scoped selectors as the requesting user and returns HTML
on the shared administrative layout."""

import datetime
from itertools import groupby

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, render_document_html
from emulation.enums import UnitKind
from emulation.selectors import unit_directory


def document_day(params: dict) -> datetime.date:
    """The `day` parameter (YYYY-MM-DD) of a job; a Vietnamese DocumentError if it is not one."""
    try:
        return datetime.date.fromisoformat(str(params.get("day", "")))
    except ValueError:
        raise DocumentError(
            _("Ngày lập tài liệu không hợp lệ: %(value)s") % {"value": params.get("day", "")}
        ) from None


def signer_name(user) -> str:
    """The name a user signs with, family name first as Vietnamese writes it."""
    if user.person_id:
        return user.person.full_name
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.username


@register("unit_directory", label=gettext_lazy("Danh sách đơn vị"))
def build_unit_directory(job, progress: ProgressCallback) -> BuiltDocument:
    """The authority's unit directory (danh sách đơn vị trực thuộc) on `params["day"]`: the
    units in the requester's scope active that day, grouped by kind, with head and staff count.
    The header names the authority as it was called on that day."""
    day = document_day(job.params)
    user = job.requested_by
    if not user.unit_id:
        raise DocumentError(_("Người yêu cầu chưa thuộc đơn vị nào nên không có danh sách."))
    units = list(unit_directory(user=user, day=day))
    progress(10)

    kind_labels = dict(UnitKind.choices)
    groups, number = [], 0
    for kind, members in groupby(units, key=lambda unit: unit.kind):
        rows = []
        for unit in members:
            number += 1
            rows.append({"number": number, "unit": unit})
        groups.append({"label": kind_labels.get(kind, kind), "units": rows})

    html = render_document_html(
        "emulation/pdf/unit_directory.html",
        authority=user.unit.authority,
        day=day,
        context={
            "groups": groups,
            "unit_total": len(units),
            "staff_total": sum(unit.staff_count for unit in units),
            "prepared_by": signer_name(user),
        },
    )
    progress(30)
    return BuiltDocument(html=html, filename=f"danh-sach-don-vi-{day.isoformat()}.pdf")
