"""What every form of the product shares: a select never opens on Django's "---------".

A drop-down whose first line is a row of dashes tells the user nothing; "— Chọn đơn vị —" says
what to do. `ExplicitEmptyLabels` gives every choice field of a form that label, built from the
field's own label, unless the form already chose one (e.g. "— Tập thể đơn vị —"). Every app
imports this module; it imports none.
"""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext as _

DJANGO_EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]


def empty_choice_label(field_label) -> str:
    """ "— Chọn danh hiệu —" for a field labelled "Danh hiệu". The first letter is lowered unless
    the label opens on an abbreviation ("UBND …")."""
    text = str(field_label or "")
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return _("— Chọn %(field)s —") % {"field": text} if text else _("— Chọn —")


class ExplicitEmptyLabels:
    """Mixin for `forms.Form` and `forms.ModelForm`: replaces Django's dashed empty choice of
    every select with an explicit Vietnamese one. Put it before the form class in the bases.
    `empty_labels` names the fields whose empty choice means more than "not chosen yet"."""

    empty_labels: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = self.empty_labels.get(name) or empty_choice_label(field.label)
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_EMPTY_LABEL:
                    field.empty_label = label
            elif isinstance(field, forms.ChoiceField):
                field.choices = [
                    (value, label if value == "" and text == DJANGO_EMPTY_LABEL else text)
                    for value, text in field.choices
                ]
