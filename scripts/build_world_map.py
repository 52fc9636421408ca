"""Convert Natural Earth 1:110m country outlines (npm `world-atlas`, TopoJSON) into the compact
SVG-path file the web UI draws its maps from: src/tidings/api/static/world-110m.json.

    python scripts/build_world_map.py                      # fetches world-atlas@2.0.2 with `npm pack`
    python scripts/build_world_map.py path/to/countries-110m.json

Run once by a maintainer; the output is committed, nothing is fetched at run time.
Source: Natural Earth (public domain) via world-atlas 2.0.2 (ISC licence, Mike Bostock).
Projection: equirectangular, 2 units a degree, latitudes 84N..57S (Antarctica left out).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "tidings" / "api" / "static" / "world-110m.json"
SCALE, TOP, BOTTOM = 2, 84, -57
# Natural Earth features without an ISO 3166 numeric code in world-atlas
BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def fetch_topojson() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "world-atlas@2.0.2"], cwd=tmp, check=True, capture_output=True)
        with tarfile.open(next(Path(tmp).glob("world-atlas-*.tgz"))) as tar:
            return json.load(tar.extractfile("package/countries-110m.json"))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON's delta encoding and quantisation: arcs as (lon, lat) lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia, Fiji) is drawn east of 180°: the SVG clips it,
    instead of a line across the whole map."""
    crosses = any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:]))
    return [(lon + 360 if crosses and lon < 0 else lon, lat) for lon, lat in points]


def project(lon: float, lat: float) -> tuple[int, int]:
    return round((lon + 180) * SCALE), round((TOP - max(lat, BOTTOM)) * SCALE)


def ring_path(points: list[tuple[float, float]]) -> str:
    """Relative SVG path of one ring, repeated points dropped."""
    xy = [project(*p) for p in unwrap(points)]
    kept = [xy[0]] + [p for prev, p in zip(xy, xy[1:]) if p != prev]
    if len(kept) < 3:
        return ""
    steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(kept, kept[1:])]
    return f"M{kept[0][0]} {kept[0][1]}l" + " ".join(steps) + "z"


def alpha2(feature: dict) -> str | None:
    name = feature.get("properties", {}).get("name", "")
    if name in BY_NAME:
        return BY_NAME[name]
    country = pycountry.countries.get(numeric=feature.get("id", "")) if feature.get("id") else None
    return country.alpha_2 if country else None


def convert(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = []
    for feature in topology["objects"]["countries"]["geometries"]:
        code = alpha2(feature)
        if code is None or code == "AQ":
            continue
        polygons = feature["arcs"] if feature["type"] == "MultiPolygon" else [feature["arcs"]]
        d = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
        if d:
            countries.append({"id": code, "name": feature["properties"]["name"], "d": d})
    width, height = 360 * SCALE, (TOP - BOTTOM) * SCALE
    return {"source": "Natural Earth 1:110m admin-0 countries (public domain) via npm world-atlas 2.0.2 (ISC)",
            "projection": "equirectangular", "viewBox": f"0 0 {width} {height}",
            "countries": sorted(countries, key=lambda c: c["id"])}


def main() -> None:
    topology = json.loads(Path(sys.argv[1]).read_text()) if len(sys.argv) > 1 else fetch_topojson()
    data = convert(topology)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {len(data['countries'])} countries, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
