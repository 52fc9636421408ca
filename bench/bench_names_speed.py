"""Recognition speed on ~500-word articles written for this benchmark (no eval data), per language.

    .venv/bin/python bench/bench_names_speed.py [--rules]

Where a language's NER model is installed (tidings[ner]) it runs too, unless --rules; loading it is
not timed.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("TIDINGS_NER_MODELS", "1")  # measure the models where installed (--rules: without)
from tidings.read.names import find_mentions  # noqa: E402
from tidings.read.recognise import MODELS, recogniser  # noqa: E402
from tidings.read.sentences import split_sentences  # noqa: E402

PARAGRAPHS = {
    "en": "President Kassym-Jomart Tokayev met the German chancellor in Astana on Monday, while Washington and "
          "the Kremlin traded warnings. The Central Bank of Kazakhstan said inflation slowed, and Maria Lopez of "
          "the United Nations Development Programme praised the reforms in Almaty and Shymkent. ",
    "de": "Präsident Kassym-Schomart Tokajew empfing am Montag den Bundeskanzler in Astana, während Washington "
          "und der Kreml Warnungen austauschten. Die Zentralbank von Kasachstan teilte mit, die Inflation sei "
          "gesunken, und Maria Lopez von den Vereinten Nationen lobte die Reformen in Almaty. ",
    "ru": "Президент Касым-Жомарт Токаев в понедельник принял канцлера Германии в Астане, а Вашингтон и Кремль "
          "обменялись предупреждениями. Национальный банк Казахстана сообщил о замедлении инфляции, а Мария "
          "Лопес из ООН похвалила реформы в Алматы. ",
    "fr": "Le président Kassym-Jomart Tokaïev a reçu lundi le chancelier allemand à Astana, tandis que Washington "
          "et le Kremlin échangeaient des avertissements. La Banque nationale du Kazakhstan a annoncé un "
          "ralentissement de l'inflation, et Maria Lopez des Nations unies a salué les réformes à Almaty. ",
    "zh": "哈萨克斯坦总统托卡耶夫周一在阿斯塔纳会见德国总理，华盛顿和克里姆林宫互相警告。哈萨克斯坦国家银行表示通胀放缓，"
          "联合国官员洛佩斯赞扬了阿拉木图的改革。",
    "ar": "استقبل الرئيس توكاييف يوم الاثنين المستشار الألماني في أستانا، بينما تبادلت واشنطن والكرملين التحذيرات. "
          "وقال البنك الوطني في كازاخستان إن التضخم تباطأ، وأشادت ماريا لوبيز من الأمم المتحدة بالإصلاحات. ",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", action="store_true", help="rules only, even where a model is installed")
    models = not parser.parse_args().rules
    print(f"{'lang':4} {'model':22} {'words':>5} {'mentions':>8} {'ms/article':>10}")
    for language, paragraph in PARAGRAPHS.items():
        words_per = max(len(paragraph.split()), len(paragraph) // 3 if language == "zh" else 1)
        text = paragraph * max(1, 500 // words_per)
        sentences = split_sentences(text, language)
        model = MODELS[language][0] if models and language in MODELS and recogniser(language) else "rules"
        find_mentions(text, sentences, language, models)  # warm-up: gazetteers (and a model) load once
        runs = 20
        t0 = time.perf_counter()
        for _ in range(runs):
            found = find_mentions(text, sentences, language, models)
        ms = 1000 * (time.perf_counter() - t0) / runs
        print(f"{language:4} {model:22} {len(text.split()) if language != 'zh' else len(text) // 3:5d} {len(found):8d} {ms:10.1f}")


if __name__ == "__main__":
    main()
