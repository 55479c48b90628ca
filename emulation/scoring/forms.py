"""Forms of cluster scoring: one field per item of the table for the stage being scored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.uploads import UploadRefused, receive_evidence
from emulation.scoring.enums import Method, SheetState, Stage

YES_NO = [("", "—"), ("1", _("Có")), ("0", _("Không"))]


class ScoreForm(forms.Form):
    """Fields `value_<id>`, `note_<id>` and, for self-scoring, `evidence_<id>` for every item
    not computed from a target."""

    def __init__(self, *args, items, stage: Stage, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [item for item in items if item.method != Method.TARGET]
        self.stage = stage
        initial_values = initial_values or {}
        for item in self.items:
            label = f"{item.code}. {item.name}"
            if item.method == Method.BOOLEAN:
                field = forms.ChoiceField(label=label, choices=YES_NO, required=False)
            else:
                field = forms.DecimalField(
                    label=label,
                    required=False,
                    max_digits=8,
                    decimal_places=2,
                    localize=True,
                    help_text=(_("Số lượng") if item.method == Method.COUNT else _("Điểm")),
                )
            initial = initial_values.get(item.pk)
            if initial is not None:
                field.initial = str(int(initial)) if item.method == Method.BOOLEAN else initial
            self.fields[f"value_{item.pk}"] = field
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Lý do, ghi chú (%(code)s)") % {"code": item.code},
                required=False,
                max_length=1000,
            )
            if stage == Stage.SELF:
                self.fields[f"evidence_{item.pk}"] = forms.FileField(
                    label=_("Minh chứng (%(code)s)") % {"code": item.code},
                    required=False,
                    help_text=_("PDF, ảnh, Word hoặc Excel, tối đa 10 MB"),
                )

    def clean(self):
        """Each evidence file goes through the user-file door: its kind is decided from its
        bytes and it gets a server name; the cleaned value is the received file."""
        cleaned = super().clean()
        for item in self.items:
            key = f"evidence_{item.pk}"
            upload = cleaned.get(key)
            if upload is None:
                continue
            try:
                cleaned[key] = receive_evidence(upload)
            except UploadRefused as refused:
                self.add_error(key, str(refused))
        return cleaned

    def rows(self):
        for item in self.items:
            yield {
                "item": item,
                "value": self[f"value_{item.pk}"],
                "note": self[f"note_{item.pk}"],
                "evidence": self[f"evidence_{item.pk}"] if self.stage == Stage.SELF else None,
            }


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Chuyển sang"), choices=SheetState.choices)
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
