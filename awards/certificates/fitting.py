"""Fitting a certificate's text into its frame: wrap at the largest size, then shrink step by
step down to the frame's smallest size; text that still does not fit is refused, never cut.

A frame (`Box`) is a rectangle in millimetres with a font, a largest and a smallest size.
Widths are measured once per word at 1 pt and scaled, so trying a smaller size costs a few
multiplications, not a new measurement of every glyph.
"""

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

SIZE_STEP = 0.5
LEADING = 1.2  # line height as a multiple of the font size
# Liberation Serif's ascent and descent, in em: what a line needs above and below its baseline.
ASCENT, DESCENT = 0.891, 0.216


@dataclass(frozen=True)
class Box:
    """A frame: centre `x`, `top` edge, `width` and `height` in mm; `fonts` one per paragraph
    (the last repeats); sizes in points. `middle` centres the lines vertically."""

    x: float
    top: float
    width: float
    height: float
    fonts: tuple[str, ...]
    largest: float
    smallest: float
    middle: bool = True


@dataclass(frozen=True)
class Fitted:
    """The lines of a fitted frame, each with its font, at one size, with their baselines."""

    lines: tuple[tuple[str, str], ...]  # (text, font)
    size: float
    baselines: tuple[float, ...]  # mm from the bottom of the sheet


class DoesNotFit(ValueError):
    """The text is too long for its frame even at the frame's smallest size."""


@lru_cache(maxsize=65536)
def _word_width(word: str, font: str) -> float:
    """A word's width at 1 pt, in mm; names and achievements repeat words from one
    certificate to the next, so a batch measures each word once."""
    return pdfmetrics.stringWidth(word, font, 1) / mm


def _measured(paragraph: str, font: str) -> list[tuple[str, float]]:
    """The words of a paragraph with their widths at 1 pt, in mm."""
    return [(word, _word_width(word, font)) for word in paragraph.split()]


def _wrap(
    words: list[tuple[str, float]], space: float, size: float, width: float
) -> tuple[list[str], float]:
    """Lines of `words` no wider than `width` at `size`, and the widest line's width (wider
    than `width` only when a single word is: the caller refuses it). Widths add up exactly:
    the drawing applies no kerning."""
    lines, current, current_width, widest = [], [], 0.0, 0.0
    for word, unit_width in words:
        word_width = unit_width * size
        if current and current_width + space * size + word_width > width:
            lines.append(" ".join(current))
            widest = max(widest, current_width)
            current, current_width = [word], word_width
        else:
            current_width += (space * size if current else 0) + word_width
            current.append(word)
    if current:
        lines.append(" ".join(current))
        widest = max(widest, current_width)
    return lines, widest


def fit(paragraphs: list[str], box: Box) -> Fitted:
    """The paragraphs wrapped in `box` at the largest size that fits: every line within the
    width, every line within the height. Empty paragraphs take no line. Raises DoesNotFit
    when no size from `box.largest` down to `box.smallest` fits."""
    fonts = [box.fonts[min(index, len(box.fonts) - 1)] for index in range(len(paragraphs))]
    measured = [
        (_measured(text, font), _word_width(" ", font), font)
        for text, font in zip(paragraphs, fonts, strict=True)
        if text
    ]
    size = box.largest
    while size >= box.smallest - 1e-9:
        lines: list[tuple[str, str]] = []
        widest = 0.0
        for words, space, font in measured:
            wrapped, width = _wrap(words, space, size, box.width)
            lines.extend((line, font) for line in wrapped)
            widest = max(widest, width)
        points = size / 72 * 25.4  # the size in mm
        needed = points * (ASCENT + DESCENT) + points * LEADING * (len(lines) - 1)
        if needed <= box.height and widest <= box.width:
            first = box.top - points * ASCENT - ((box.height - needed) / 2 if box.middle else 0)
            baselines = tuple(first - index * points * LEADING for index in range(len(lines)))
            return Fitted(lines=tuple(lines), size=size, baselines=baselines)
        size -= SIZE_STEP
    raise DoesNotFit(paragraphs)
