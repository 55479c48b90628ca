"""Forms of the targets pages. The grid form has one value, reason and evidence field per
target row; numbers are read with the one Vietnamese parser (`numbers.parse_number`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.models import Target, Unit
from emulation.numbers import format_number
from emulation.targets.enums import Direction
from emulation.targets.numbers import NumberFormatError, parse_number
from emulation.targets.selectors import GridRow
from emulation.targets.services import TARGET_FIELDS, ActualEntry

BOOLEAN_CHOICES = [("", "—"), ("1", _("Hoàn thành")), ("0", _("Chưa hoàn thành"))]


class VietnameseNumberField(forms.Field):
    """A number typed the Vietnamese way: 16.728 or 10,17."""

    widget = forms.TextInput
    max_length = 40

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(
            {
                "inputmode": "decimal",
                "autocomplete": "off",
                "class": "num-input",
                "maxlength": str(self.max_length),
            }
        )
        return attrs

    def to_python(self, value):
        text = "" if value is None else str(value)
        if len(text) > self.max_length:
            raise forms.ValidationError(_("Số quá dài."), code="max_length")
        try:
            return parse_number(text)
        except NumberFormatError as exc:
            raise forms.ValidationError(exc.message, code="number") from exc


class ActualGridForm(forms.Form):
    """Values of every countable row of the grid; submitted all at once."""

    def __init__(self, *args, rows: list[GridRow], editable: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.all_rows = rows
        self.rows = [row for row in rows if not row.is_heading]
        for row in self.rows:
            pk = row.target.pk
            initial = row.actual.value if row.actual else None
            if row.target.direction == Direction.BOOLEAN:
                field = forms.TypedChoiceField(
                    choices=BOOLEAN_CHOICES,
                    required=False,
                    coerce=parse_number,
                    empty_value=None,
                    initial="" if initial is None else str(int(initial != 0)),
                )
            else:
                field = VietnameseNumberField(initial=format_number(initial))
            field.label = row.target.name
            field.disabled = not editable
            field.widget.attrs["data-original"] = field.initial
            self.fields[f"value-{pk}"] = field
            # The grid shows one header per column: each input names its row for screen readers.
            self.fields[f"reason-{pk}"] = forms.CharField(
                label=_("Lý do thay đổi"),
                required=False,
                max_length=500,
                disabled=not editable,
                widget=forms.TextInput(
                    attrs={"aria-label": _("Lý do thay đổi: %(name)s") % {"name": row.target.name}}
                ),
            )
            self.fields[f"evidence-{pk}"] = forms.FileField(
                label=_("Minh chứng"),
                required=False,
                disabled=not editable,
                widget=forms.ClearableFileInput(
                    attrs={"aria-label": _("Minh chứng: %(name)s") % {"name": row.target.name}}
                ),
            )

    def bound_rows(self):
        """(row, value field, reason field, evidence field) for the template, in catalogue
        order; a heading comes with no fields."""
        for row in self.all_rows:
            if row.is_heading:
                yield row, None, None, None
                continue
            pk = row.target.pk
            yield row, self[f"value-{pk}"], self[f"reason-{pk}"], self[f"evidence-{pk}"]

    def error_summary(self) -> list[tuple[str, str]]:
        """(input id, message) for every field error, in grid order, for the list of errors at
        the top of the page; each message names its row, since it is read away from the row."""
        summary = []
        for row in self.rows:
            pk = row.target.pk
            for name in ("value", "reason", "evidence"):
                bound = self[f"{name}-{pk}"]
                for error in bound.errors:
                    summary.append(
                        (
                            bound.auto_id,
                            _("%(code)s %(name)s: %(error)s")
                            % {"code": row.target.code, "name": row.target.name, "error": error},
                        )
                    )
        return summary

    def entries(self) -> list[ActualEntry]:
        """The rows that carry something to record (a value, a change, a file)."""
        entries = []
        for row in self.rows:
            pk = row.target.pk
            value = self.cleaned_data.get(f"value-{pk}")
            evidence = self.cleaned_data.get(f"evidence-{pk}")
            if value is None and row.actual is None and evidence is None:
                continue
            entries.append(
                ActualEntry(
                    target=row.target,
                    value=value,
                    reason=self.cleaned_data.get(f"reason-{pk}", ""),
                    evidence=evidence,
                )
            )
        return entries

    def add_service_errors(self, errors: dict) -> None:
        for key, messages in errors.items():
            for message in messages:
                self.add_error(None if key is None else f"value-{key}", message)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CopyCatalogueForm(forms.Form):
    from_year = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label=_("Sang năm"), min_value=2000, max_value=2100)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp số liệu (.xlsx hoặc .csv)"),
        help_text=_("Dùng tệp tải về từ nút “Tải Excel (mẫu nhập)”: giữ nguyên các cột."),
    )


NUMBER_FIELDS = ("plan_value", "baseline_value", "range_min", "range_max", "weight")


class TargetForm(forms.Form):
    """A catalogue target: the model's fields, numbers typed the Vietnamese way."""

    def __init__(self, *args, authority, year: int, instance: Target | None = None, **kwargs):
        initial = kwargs.pop("initial", {})
        if instance is not None and instance.pk:
            initial = forms.model_to_dict(instance, fields=TARGET_FIELDS)
            for name in NUMBER_FIELDS:
                initial[name] = format_number(initial[name])
        super().__init__(*args, initial=initial, **kwargs)
        self.fields.update(forms.fields_for_model(Target, fields=TARGET_FIELDS))
        for name in NUMBER_FIELDS:
            model_field = Target._meta.get_field(name)
            self.fields[name] = VietnameseNumberField(
                label=model_field.verbose_name,
                help_text=model_field.help_text,
                required=name == "weight",
            )
        self.fields["unit"].queryset = Unit.objects.filter(authority=authority).order_by(
            "sort_order", "name"
        )
        parents = Target.objects.filter(authority=authority, year=year, parent__isnull=True)
        if instance is not None and instance.pk:
            parents = parents.exclude(pk=instance.pk)
        self.fields["parent"].queryset = parents.select_related("unit")
