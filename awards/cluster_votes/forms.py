"""Forms of the cluster vote pages. They validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ClusterVoteOpenForm(forms.Form):
    """The deadline of a cluster vote; empty: settings.CLUSTER_VOTE_DAYS from today."""

    deadline = forms.DateField(
        label=_("Hạn bỏ phiếu"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
