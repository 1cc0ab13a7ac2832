"""Draw the app icon: resources/lscp-desktop.png (256 px) and resources/lscp-desktop.ico.

A navy rounded square with a white shield holding two figures, an adult and a child. Drawn
at 4× and scaled down for smooth edges; the .ico carries 16–256 px sizes for Windows.
Run with ``.venv/bin/python scripts/make_icon.py`` (Pillow comes with matplotlib).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
NAVY = (29, 61, 107, 255)
TEAL = (0, 134, 139, 255)
WHITE = (255, 255, 255, 255)
SCALE = 4
SIZE = 256


def draw() -> Image.Image:
    s = SIZE * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s))

    d.rounded_rectangle(box(0.03, 0.03, 0.97, 0.97), radius=round(0.2 * s), fill=NAVY)
    # Shield: flat top, straight sides, curving to a point.
    shield = [(0.22, 0.18), (0.78, 0.18), (0.78, 0.52)]
    for i in range(1, 21):  # right curve down to the point
        t = i / 20
        shield.append((0.78 - 0.28 * t**1.4, 0.52 + 0.34 * t))
    for i in range(19, 0, -1):  # mirror back up the left side
        t = i / 20
        shield.append((0.22 + 0.28 * t**1.4, 0.52 + 0.34 * t))
    shield.append((0.22, 0.52))
    d.polygon([(round(x * s), round(y * s)) for x, y in shield], fill=WHITE)
    # Two figures: an adult (navy) and a child (teal), heads and shoulders.
    d.ellipse(box(0.36, 0.28, 0.48, 0.40), fill=NAVY)
    d.rounded_rectangle(box(0.32, 0.42, 0.52, 0.66), radius=round(0.08 * s), fill=NAVY)
    d.ellipse(box(0.54, 0.40, 0.63, 0.49), fill=TEAL)
    d.rounded_rectangle(box(0.51, 0.51, 0.66, 0.68), radius=round(0.06 * s), fill=TEAL)
    return img.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def main() -> None:
    icon = draw()
    RESOURCES.mkdir(exist_ok=True)
    icon.save(RESOURCES / "lscp-desktop.png")
    icon.save(
        RESOURCES / "lscp-desktop.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    print(f"wrote {RESOURCES / 'lscp-desktop.png'} and {RESOURCES / 'lscp-desktop.ico'}")


if __name__ == "__main__":
    main()
