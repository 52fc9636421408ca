"""Build src/tidings/read/data/given_names.json.gz: given names (first names) of many countries, so
that a capitalised word that opens a person's name is kept even where it is also a common word
('Peter Fonda', 'Max Schmeling', 'Thomas Mann': German 'Peter', 'Max', 'Thomas' are in the common-word
list) and the noun before it is dropped ('Filmproduzent Charles Roven').

Source (build-time tool only; the package needs it not at run time): Faker's person providers (MIT),
the first names of each of its ~80 locales. Kept: alphabetic names of three letters or more written
with one capital ('Peter', 'Пётр'). Written as {"shared": names in two locales or more, "single":
names of one locale}: a name of one locale only that is also a common word of the text's language
('Will', 'Forest', 'Among') is not taken for a given name (`names.given_names`).

    pip install faker==40.54.0
    .venv/bin/python bench/build_given_names.py
"""
from __future__ import annotations

import gzip
import importlib
import json
import pkgutil
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "read" / "data" / "given_names.json.gz"
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def main() -> None:
    from faker.providers import person

    locales: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        names: set[str] = set()
        for attribute in ATTRIBUTES:
            value = getattr(provider, attribute, None)
            if value and not isinstance(value, property):  # a few locales compute them
                names.update(value)
        for name in names:
            if len(name) >= 3 and name.isalpha() and name[:1].isupper() and name[1:].islower():
                locales.setdefault(name, set()).add(module.name)
    data = {"shared": sorted(n for n, where in locales.items() if len(where) >= 2),
            "single": sorted(n for n, where in locales.items() if len(where) == 1)}
    with gzip.open(OUT, "wt", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
    print({k: len(v) for k, v in data.items()}, OUT, OUT.stat().st_size // 1024, "KB")


if __name__ == "__main__":
    main()
