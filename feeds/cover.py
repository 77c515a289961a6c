"""Cover art: check a show's image against Apple's rules, or draw one for a show that has none."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from feeds.errors import FeedError
from feeds.files import write_atomic

MIN_SIDE, MAX_SIDE = 1400, 3000
SIDE = 1400


def check_cover(path: Path) -> list[str]:
    """Problems with a cover image (square, 1400-3000 px, RGB, JPEG or PNG matching its name)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height, mode, fmt = image.width, image.height, image.mode, image.format
    except (OSError, UnidentifiedImageError) as exc:
        return [f"{path}: not a readable image ({exc})"]
    problems = []
    if width != height:
        problems.append(f"{path}: {width}x{height} is not square")
    if not MIN_SIDE <= width <= MAX_SIDE:
        problems.append(f"{path}: {width} px wide; Apple wants 1400-3000 px")
    if mode != "RGB":
        problems.append(f"{path}: colour mode {mode}; Apple wants RGB (no alpha, not CMYK)")
    expected = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}.get(path.suffix.lower())
    if expected != fmt:
        problems.append(f"{path}: a {fmt} image named {path.suffix}; use .jpg or .png to match")
    return problems


def draw_cover(title: str, path: Path) -> Path:
    """Draw a 1400 px square JPEG with the show's title, written atomically."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (SIDE, SIDE), (24, 38, 64))
    draw = ImageDraw.Draw(image)
    # Large type with strong contrast: the cover is read at thumbnail size.
    lines = textwrap.wrap(title, 14)[:5] or ["talkingpaper"]
    font = ImageFont.load_default(size=150)
    heights = [draw.textbbox((0, 0), line, font=font)[3] for line in lines]
    y = (SIDE - sum(heights) - 40 * (len(lines) - 1)) // 2
    for line, height in zip(lines, heights, strict=True):
        width = draw.textlength(line, font=font)
        draw.text(((SIDE - width) / 2, y), line, font=font, fill=(255, 214, 102))
        y += height + 40
    small = ImageFont.load_default(size=56)
    label = "read aloud by talkingpaper"
    draw.text(((SIDE - draw.textlength(label, font=small)) / 2, SIDE - 160), label,
              font=small, fill=(230, 230, 230))  # fmt: skip
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=88)
    write_atomic(path, jpeg.getvalue())
    return path


def prepare_cover(source: Path | None, title: str, output: Path) -> Path:
    """Copy the show's cover into output/ after checking it, or draw one; return its path."""
    if source is None:
        target = output / "cover.jpg"
        marker = output / ".cover-title"
        if not target.exists() or not marker.exists() or marker.read_text() != title:
            draw_cover(title, target)
            marker.write_text(title, encoding="utf-8")
        return target
    if not source.exists():
        raise FeedError(f"{source}: the cover image in show.toml does not exist")
    problems = check_cover(source)
    if problems:
        raise FeedError("; ".join(problems))
    target = output / f"cover{source.suffix.lower()}"
    data = source.read_bytes()
    if not target.exists() or target.read_bytes() != data:
        write_atomic(target, data)
    return target
