"""What other apps show on the exemplary story page (điển hình tiên tiến): the awards app adds
the nominations made from the story and the proposal of a Giấy khen. emulation never imports
awards: awards registers a panel here in its AppConfig.ready() (see `emulation.panels`)."""

from emulation.panels import PanelProvider, PanelSlot

_EXEMPLARY_PANELS = PanelSlot()


def register_exemplary_panel(provider: PanelProvider) -> PanelProvider:
    """`provider(exemplary, request)` returns a panel of the story page, or None."""
    return _EXEMPLARY_PANELS.register(provider)


def exemplary_panels(exemplary, request) -> list:
    return _EXEMPLARY_PANELS.render(exemplary, request)
