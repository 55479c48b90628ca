"""Panels: a part of an emulation page that another app fills, crossing the direction by
invitation. emulation never imports awards; a page offers a slot (`PanelSlot`), the awards app
registers a provider in its AppConfig.ready(), and the page shows what the providers return.

A provider is `provider(obj, request)` for the page's object (a scoring round, an exemplary
story) and returns the panel's HTML (a safe string; plain text is escaped), a pair
(template name, context) rendered with the request, or None when it has nothing to show.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

Panel = str | tuple[str, dict[str, Any]] | None
PanelProvider = Callable[[Any, HttpRequest], Panel]


class PanelSlot:
    """The providers of one place on one page, in the order they registered."""

    def __init__(self) -> None:
        self._providers: list[PanelProvider] = []

    def register(self, provider: PanelProvider) -> PanelProvider:
        """Add a provider; registering the same one twice has no effect."""
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def render(self, obj, request: HttpRequest) -> list[SafeString]:
        """The panels of `obj` for the request's user, rendered; empty ones left out."""
        panels = []
        for provider in self._providers:
            panel = provider(obj, request)
            if panel is None:
                continue
            if isinstance(panel, tuple):
                template_name, context = panel
                panel = render_to_string(template_name, context, request=request)
            panels.append(conditional_escape(panel))
        return panels
