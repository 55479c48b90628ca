"""The import kinds offered on the "Nhập dữ liệu" pages. Emulation registers its own (units,
people); awards registers the title history in `AwardsConfig.ready()` (emulation never names
awards). Kinds are listed in their `order`, the order a new authority brings its data in."""

from django.http import Http404

from emulation.imports.engine import ImportKind

_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> None:
    _KINDS[kind.slug] = kind


def kinds() -> list[ImportKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.order)


def kind_or_404(slug: str) -> ImportKind:
    try:
        return _KINDS[slug]
    except KeyError as exc:
        raise Http404 from exc
