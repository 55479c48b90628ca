"""The images of the visible signatures (DOMAIN §10.4): the seal of the issuing body (red, real
size, transparent background) and, for the demo and the tests only, a person's handwritten
signature (blue, transparent background).

A real authority's seal image is its own scan, configured with `DOCUMENT_SEAL_IMAGE`; a real
person's signature image is drawn by that person's signing software. `draw_seal` makes the
demo's seal from the authority's name, as a round seal reads: the name around the rim, a star
in the centre. Pillow draws them (brought by WeasyPrint).
"""

import io
import math

from PIL import Image, ImageDraw, ImageFont

from documents.rendering import asset_root

SEAL_RED = (200, 16, 24, 255)
INK_BLUE = (18, 52, 170, 255)
SEAL_FONT = "fonts/LiberationSans-Bold.ttf"
HAND_FONT = "fonts/LiberationSerif-BoldItalic.ttf"
# Drawn at 600 px for a 36 mm seal: about 420 dpi, sharp on print.
SEAL_PIXELS = 600


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _star(draw: ImageDraw.ImageDraw, centre: float, radius: float) -> None:
    points = []
    for index in range(10):
        angle = -math.pi / 2 + index * math.pi / 5
        reach = radius if index % 2 == 0 else radius * 0.4
        points.append((centre + reach * math.cos(angle), centre + reach * math.sin(angle)))
    draw.polygon(points, fill=SEAL_RED)


def _rim_text(image: Image.Image, text: str, radius: float, size: int) -> None:
    """`text` around the rim, clockwise from the left, centred on the top."""
    font = ImageFont.truetype(str(asset_root() / SEAL_FONT), size)
    centre = image.width / 2
    widths = [font.getlength(letter) for letter in text]
    # The letters' arc, at most 300° of the rim; letters closer when the name is long.
    spacing = min(1.0, (radius * math.radians(300)) / max(sum(widths), 1))
    angle = -math.pi / 2 - sum(widths) * spacing / radius / 2
    for letter, width in zip(text, widths, strict=True):
        middle = angle + width * spacing / radius / 2
        glyph = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size, size), letter, font=font, fill=SEAL_RED, anchor="mm")
        glyph = glyph.rotate(-math.degrees(middle) - 90, resample=Image.BICUBIC)
        x = centre + radius * math.cos(middle) - size
        y = centre + radius * math.sin(middle) - size
        image.alpha_composite(glyph, (round(x), round(y)))
        angle += width * spacing / radius


def draw_seal(issuer: str, place: str = "") -> bytes:
    """A round red seal, PNG with a transparent background: two rims, `issuer` in capitals
    around the top, `place` under the star."""
    size = SEAL_PIXELS
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, size - 6, size - 6), outline=SEAL_RED, width=14)
    draw.ellipse((size * 0.2, size * 0.2, size * 0.8, size * 0.8), outline=SEAL_RED, width=6)
    _rim_text(image, issuer.upper(), radius=size * 0.4, size=round(size * 0.075))
    _star(draw, size / 2, size * 0.16)
    if place:
        font = ImageFont.truetype(str(asset_root() / SEAL_FONT), round(size * 0.045))
        draw.text((size / 2, size * 0.7), place.upper(), font=font, fill=SEAL_RED, anchor="mm")
    return _png(image)


def draw_handwriting(name: str) -> bytes:
    """A blue handwritten-looking signature of `name` (its last word and a flourish), PNG with
    a transparent background, 4:1 as the signature box."""
    width, height = 800, 200
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(asset_root() / HAND_FONT), 110)
    word = name.split()[-1] if name.split() else name
    draw.text((width * 0.42, height * 0.45), word, font=font, fill=INK_BLUE, anchor="mm")
    draw.arc(
        (width * 0.1, height * 0.55, width * 0.9, height * 1.3), 200, 340, fill=INK_BLUE, width=6
    )
    return _png(image)
