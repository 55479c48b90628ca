"""The titles a unit may register for (đăng ký danh hiệu) come from the awards catalogue.

emulation never imports awards: the awards app registers a source of titles here in its
AppConfig.ready(), the way it registers its home cards.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RegistrableTitle:
    code: str
    name: str
    for_individual: bool
    for_collective: bool


TitleSource = Callable[[], list[RegistrableTitle]]
_SOURCES: list[TitleSource] = []


def register_title_source(source: TitleSource) -> TitleSource:
    """Add a source of titles; registering the same one twice has no effect."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def registrable_titles() -> list[RegistrableTitle]:
    return [title for source in _SOURCES for title in source()]


def title_names() -> dict[str, str]:
    return {title.code: title.name for title in registrable_titles()}
