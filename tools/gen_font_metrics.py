"""Generate src/thongbao/fontmetrics/times.json from Liberation Serif (metric-compatible with
Times New Roman): advance widths in 1/1000 em for the characters Vietnamese documents use.

Run once when the character set changes: python tools/gen_font_metrics.py [FONT_DIR]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FACES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}


def repertoire() -> list[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0xA0, 0x250)}
    chars |= {chr(c) for c in range(0x1EA0, 0x1F00)}  # Latin Extended Additional: Vietnamese
    chars |= set("–—‘’“”…•№°±×÷€")
    return sorted(c for c in chars if unicodedata.category(c)[0] in "LNPSZ")


def main() -> None:
    font_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
    out: dict[str, dict[str, int]] = {}
    for face, filename in FACES.items():
        font = TTFont(font_dir / filename)
        upm = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        widths = {}
        for ch in repertoire():
            glyph = cmap.get(ord(ch))
            if glyph is not None:
                widths[ch] = round(hmtx[glyph][0] * 1000 / upm)
        out[face] = widths
    target = Path(__file__).resolve().parents[1] / "src/thongbao/fontmetrics/times.json"
    target.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")), "utf-8")
    print(f"wrote {target} ({sum(map(len, out.values()))} widths)")


if __name__ == "__main__":
    main()
