"""Draws bench/time-against-families.svg from the figures in bench/RESULTS.md's latest section: requests a
second at 32 connections (SQLite, release build) against the number of families, both on log scales. A flat line
is a page whose cost follows the caseload, not the program. Usage: python3 bench/plot.py (no packages needed)."""
import math
import pathlib

FAMILIES = [60, 10_000, 100_000]  # the demo, then generated programs
PAGES = {  # req/s at 32 connections, from RESULTS.md (2026-11-29, night)
    "sign-in (no database)": [3105, 2906, 2693],
    "worker: home": [79.3, 44.5, 43.2],
    "worker: family page": [70.6, 61.0, 57.2],
    "worker: visits": [168.9, 43.5, 38.2],
    "director: home": [79.3, 67.3, 27.3],
    "director: family services report": [242.6, 62.2, 6.4],
}
COLOURS = ["#1b1b1b", "#0b5cad", "#2e7d32", "#8e24aa", "#c62828", "#ef6c00"]
DASHES = ["", "6 3", "2 2", "8 3 2 3", "", "4 4"]
W, H, LEFT, TOP, RIGHT, BOTTOM = 760, 440, 70, 30, 250, 60


def x(families):
    low, high = math.log10(30), math.log10(200_000)
    return LEFT + (math.log10(families) - low) / (high - low) * (W - LEFT - RIGHT)


def y(rate):
    low, high = math.log10(1), math.log10(10_000)
    return H - BOTTOM - (math.log10(rate) - low) / (high - low) * (H - TOP - BOTTOM)


out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="#fff"/>',
       '<title>Requests a second at 32 connections against the number of families</title>']
for rate in [1, 10, 100, 1_000, 10_000]:
    out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(rate):.1f}" y2="{y(rate):.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{LEFT - 8}" y="{y(rate) + 4:.1f}" text-anchor="end">{rate:,}</text>')
for families in FAMILIES:
    out.append(f'<line y1="{TOP}" y2="{H - BOTTOM}" x1="{x(families):.1f}" x2="{x(families):.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{x(families):.1f}" y="{H - BOTTOM + 18}" text-anchor="middle">{families:,}</text>')
out.append(f'<text x="{(LEFT + W - RIGHT) / 2:.0f}" y="{H - 15}" text-anchor="middle">families in the program (log scale)</text>')
out.append(f'<text transform="translate(18 {(TOP + H - BOTTOM) / 2:.0f}) rotate(-90)" text-anchor="middle">requests a second (log scale)</text>')
for i, (name, rates) in enumerate(PAGES.items()):
    points = " ".join(f"{x(f):.1f},{y(r):.1f}" for f, r in zip(FAMILIES, rates))
    dash = f' stroke-dasharray="{DASHES[i]}"' if DASHES[i] else ""
    out.append(f'<polyline points="{points}" fill="none" stroke="{COLOURS[i]}" stroke-width="2"{dash}/>')
    out += [f'<circle cx="{x(f):.1f}" cy="{y(r):.1f}" r="3" fill="{COLOURS[i]}"/>' for f, r in zip(FAMILIES, rates)]
    ly = TOP + 10 + i * 22
    out.append(f'<line x1="{W - RIGHT + 15}" x2="{W - RIGHT + 45}" y1="{ly}" y2="{ly}" stroke="{COLOURS[i]}" stroke-width="2"{dash}/>')
    out.append(f'<text x="{W - RIGHT + 52}" y="{ly + 4}">{name}</text>')
out.append("</svg>")
path = pathlib.Path(__file__).with_name("time-against-families.svg")
path.write_text("\n".join(out) + "\n")
print(path)
