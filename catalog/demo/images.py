"""Generated artwork for the demo: posters, backdrops, stills and avatars.

Everything is drawn with Pillow from a few colours and the bundled font
(``ImageFont.load_default(size=...)``, Pillow >= 10.1), so no network or font
files are needed. Gradients are drawn at 256 px and scaled up, which keeps a
poster to a few milliseconds.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image, ImageDraw, ImageFilter, ImageFont

POSTER_SIZE = (600, 900)
BACKDROP_SIZE = (1280, 720)
STILL_SIZE = (1280, 720)
AVATAR_SIZE = (256, 256)
JPEG_QUALITY = 86


@dataclass(frozen=True)
class Palette:
    """Top and bottom of the gradient, and an accent for the motif."""

    top: tuple[int, int, int]
    bottom: tuple[int, int, int]
    accent: tuple[int, int, int]

    @classmethod
    def from_hex(cls, top: str, bottom: str, accent: str) -> Palette:
        return cls(_rgb(top), _rgb(bottom), _rgb(accent))


@dataclass(frozen=True)
class Artwork:
    """A drawn image and, for posters, the focal point (x, y, width, height)."""

    image: Image.Image
    focal: tuple[int, int, int, int] | None = None


def readable(color) -> tuple[int, int, int]:
    """``color`` if it shows up on a dark background, else a soft white."""
    luminance = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    return tuple(color) if luminance >= 110 else (236, 236, 236)


def _rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def font(size: int) -> ImageFont.ImageFont:
    """The bundled font at ``size`` pixels (Pillow's fixed bitmap font if FreeType is missing)."""
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):
        return ImageFont.load_default()


def gradient(size, palette: Palette, angle: int = 0) -> Image.Image:
    """A two-colour linear gradient at ``angle`` degrees, as an RGB image."""
    # Rotate a gradient twice the needed size, then keep the middle: no empty corners.
    mask = Image.linear_gradient("L").resize((512, 512)).rotate(angle, Image.BICUBIC)
    mask = mask.crop((128, 128, 384, 384)).resize(size, Image.BILINEAR)
    top = Image.new("RGB", size, palette.top)
    bottom = Image.new("RGB", size, palette.bottom)
    return Image.composite(bottom, top, mask)


def glow(canvas: Image.Image, center, radius: int, color, strength: float = 0.8) -> None:
    """Paint a soft radial glow of ``color`` onto ``canvas`` in place."""
    # radial_gradient() is 0 at the centre and 181 at the inscribed circle's edge.
    spot = Image.radial_gradient("L").resize((radius * 2, radius * 2))
    mask = spot.point(lambda v: int(255 * strength * max(0.0, 1 - v / 181) ** 2))
    box = (center[0] - radius, center[1] - radius)
    canvas.paste(Image.new("RGB", mask.size, color), box, mask)


def motif(canvas: Image.Image, rng: random.Random, palette: Palette, center, radius) -> None:
    """The subject: a disc with rings over a band of horizon lines."""
    rings = rng.randint(2, 4)
    lines = rng.randint(3, 6)
    horizon(canvas, center[1] + radius + canvas.height // 20, lines)
    disc(canvas, palette.accent, center, radius, rings)


def horizon(canvas: Image.Image, top: int, lines: int) -> None:
    overlay = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for line in range(lines):
        y = top + line * line * 6
        draw.line((0, y, canvas.width, y), fill=(255, 255, 255, 40), width=2)
    canvas.paste(overlay, (0, 0), overlay)


def disc(canvas: Image.Image, color, center, radius: int, rings: int, scale: int = 3) -> None:
    """A filled disc and ``rings - 1`` outlines, drawn large and scaled down for smooth edges."""
    outer = radius + (rings - 1) * radius // 3 + 4
    # Transparent pixels carry the colour too, so averaging them down leaves no dark fringe.
    patch = Image.new("RGBA", (2 * outer * scale,) * 2, (*color, 0))
    draw = ImageDraw.Draw(patch)
    middle = outer * scale

    def circle(r, **style):
        draw.ellipse((middle - r, middle - r, middle + r, middle + r), **style)

    circle(radius * scale, fill=(*color, 150))
    for step in range(1, rings):
        circle((radius + step * radius // 3) * scale, outline=(*color, 70), width=3 * scale)
    patch = patch.reduce(scale)
    canvas.paste(patch, (center[0] - outer, center[1] - outer), patch)


def shade_bottom(canvas: Image.Image, share: float = 0.5, opacity: int = 220) -> None:
    """Darken the bottom ``share`` of the image so text on it stays legible."""
    height = int(canvas.height * share)
    mask = (
        Image.linear_gradient("L")
        .resize((canvas.width, height))
        .point(lambda v: v * opacity // 255)
    )
    black = Image.new("RGB", (canvas.width, height), (0, 0, 0))
    canvas.paste(black, (0, canvas.height - height), mask)


def fit_lines(text: str, size: int, max_width: int, max_lines: int = 3):
    """Wrap ``text`` and shrink the font until it fits ``max_width`` in ``max_lines``."""
    while size > 14:
        face = font(size)
        chars = max(4, int(max_width / (size * 0.52)))
        lines = textwrap.wrap(text, width=chars) or [text]
        widest = max(face.getlength(line) for line in lines)
        if len(lines) <= max_lines and widest <= max_width:
            return face, lines
        size -= 4
    return font(size), textwrap.wrap(text, width=40)


def draw_text_block(canvas, lines, face, origin, align="center", fill=(255, 255, 255)) -> int:
    """Draw ``lines`` with a soft shadow; returns the y below the block."""
    x, y = origin
    line_height = int(getattr(face, "size", 11) * 1.15)
    positions = []
    for line in lines:
        width = face.getlength(line)
        left = {"center": x - width / 2, "right": x - width}.get(align, x)
        positions.append((left, y, width, line))
        y += line_height
    _shadow(canvas, positions, face, line_height)
    draw = ImageDraw.Draw(canvas)
    for left, top, _, line in positions:
        draw.text((left, top), line, font=face, fill=fill, stroke_width=1, stroke_fill=fill)
    return y


def _shadow(canvas, positions, face, line_height, pad: int = 16) -> None:
    """A blurred dark copy of the text, drawn only over the text's own box (blur is costly)."""
    box_left = max(0, int(min(p[0] for p in positions)) - pad)
    box_top = max(0, int(positions[0][1]) - pad)
    box_right = min(canvas.width, int(max(p[0] + p[2] for p in positions)) + pad)
    box_bottom = min(canvas.height, int(positions[-1][1]) + line_height + pad)
    if box_right <= box_left or box_bottom <= box_top:
        return
    shadow = Image.new("RGBA", (box_right - box_left, box_bottom - box_top), (0, 0, 0, 0))
    draw = ImageDraw.Draw(shadow)
    for left, top, _, line in positions:
        xy = (left - box_left + 3, top - box_top + 4)
        draw.text(xy, line, font=face, fill=(0, 0, 0, 170))
    shadow = shadow.filter(ImageFilter.GaussianBlur(4))
    canvas.paste(shadow, (box_left, box_top), shadow)


def render_poster(title: str, label: str, palette: Palette, seed: str) -> Artwork:
    """A 2:3 poster: gradient, a glowing disc as the subject, the title below."""
    rng = random.Random(f"poster:{seed}")
    canvas = gradient(POSTER_SIZE, palette, angle=rng.choice([0, 20, 160, 200]))
    width, height = POSTER_SIZE
    center = (width // 2 + rng.randint(-80, 80), int(height * rng.uniform(0.28, 0.38)))
    radius = rng.randint(120, 170)
    glow(canvas, center, radius * 2, palette.accent, 0.55)
    motif(canvas, rng, palette, center, radius)
    shade_bottom(canvas, 0.5)
    face, lines = fit_lines(title.upper(), 68, width - 80)
    y = draw_text_block(canvas, lines, face, (width // 2, int(height * 0.66)))
    draw_text_block(canvas, [label], font(24), (width // 2, y + 18), fill=readable(palette.accent))
    focal = (center[0], center[1], radius * 2, radius * 2)
    return Artwork(canvas, focal)


def render_backdrop(
    title: str, tagline: str, palette: Palette, seed: str, with_title: bool = True
) -> Artwork:
    """A 16:9 backdrop: the subject on the right, the title and tagline bottom-right.

    Pages lay their own heading over the left of a backdrop, so the drawn title
    keeps to the right, under the subject, like a title card. Without the title
    it is "key art" for a hero that crops hard and prints its own heading.
    """
    rng = random.Random(f"backdrop:{seed}")
    canvas = gradient(BACKDROP_SIZE, palette, angle=rng.choice([70, 110, 250, 290]))
    width, height = BACKDROP_SIZE
    center = (int(width * rng.uniform(0.64, 0.78)), int(height * rng.uniform(0.35, 0.45)))
    radius = rng.randint(150, 200)
    glow(canvas, center, radius * 2, palette.accent, 0.5)
    motif(canvas, rng, palette, center, radius)
    shade_bottom(canvas, 0.6)
    focal = (center[0], center[1], radius * 2, radius * 2)
    if not with_title:
        return Artwork(canvas, focal)
    face, lines = fit_lines(title, 64, int(width * 0.45), max_lines=2)
    right = width - 56
    y = draw_text_block(canvas, lines, face, (right, int(height * 0.7)), align="right")
    accent = readable(palette.accent)
    draw_text_block(canvas, [tagline], font(26), (right, y + 8), align="right", fill=accent)
    return Artwork(canvas, focal)


def render_still(show_title: str, code: str, palette: Palette, seed: str) -> Artwork:
    """A 16:9 episode still: a darker variant of the backdrop with the episode code."""
    rng = random.Random(f"still:{seed}")
    darker = Palette(palette.bottom, palette.top, palette.accent)
    canvas = gradient(STILL_SIZE, darker, angle=rng.randint(0, 359))
    center = (rng.randint(300, 980), rng.randint(220, 420))
    glow(canvas, center, rng.randint(220, 320), palette.accent, 0.6)
    shade_bottom(canvas, 0.35)
    draw_text_block(canvas, [f"{show_title} · {code}"], font(36), (48, 640), align="left")
    return Artwork(canvas)


def render_avatar(name: str, palette: Palette) -> Artwork:
    """A square avatar with the person's initials on a radial gradient."""
    canvas = gradient(AVATAR_SIZE, palette, angle=135)
    glow(canvas, (96, 80), 160, palette.accent, 0.45)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    face = font(104)
    draw_text_block(canvas, [initials], face, (128, 64))
    return Artwork(canvas, (128, 128, 200, 200))


AVATAR_PALETTES = (
    Palette.from_hex("#2b2d42", "#8d99ae", "#ef233c"),
    Palette.from_hex("#264653", "#2a9d8f", "#e9c46a"),
    Palette.from_hex("#3a0ca3", "#7209b7", "#f72585"),
    Palette.from_hex("#1d3557", "#457b9d", "#f1faee"),
    Palette.from_hex("#283618", "#606c38", "#fefae0"),
    Palette.from_hex("#432818", "#99582a", "#ffe6a7"),
)


def avatar_palette(key: str) -> Palette:
    return AVATAR_PALETTES[random.Random(key).randrange(len(AVATAR_PALETTES))]


def jpeg_file(image: Image.Image, filename: str) -> ImageFile:
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    buffer.seek(0)
    return ImageFile(buffer, name=filename)


def ensure_image(title: str, filename: str, render) -> tuple[object, bool]:
    """The Wagtail image called ``title``, drawn by ``render()`` and saved if missing."""
    model = get_image_model()
    existing = model.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing, False
    artwork = render()
    image = model(title=title, file=jpeg_file(artwork.image, filename))
    if artwork.focal:
        x, y, w, h = artwork.focal
        image.focal_point_x, image.focal_point_y = x, y
        image.focal_point_width, image.focal_point_height = w, h
    image._set_image_file_metadata()
    image.save()
    return image, True
