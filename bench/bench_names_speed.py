"""Recognition speed on ~500-word articles written for this benchmark (no eval data), per language.

    .venv/bin/python bench/bench_names_speed.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tidings.read.names import find_mentions  # noqa: E402
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
    "zh": "哈萨克斯坦总统托卡耶夫周一在阿斯塔纳会见德国总理，华盛顿和克里姆林宫互相警告。哈萨克斯坦国家银行表示通胀放缓，"
          "联合国官员洛佩斯赞扬了阿拉木图的改革。",
    "ar": "استقبل الرئيس توكاييف يوم الاثنين المستشار الألماني في أستانا، بينما تبادلت واشنطن والكرملين التحذيرات. "
          "وقال البنك الوطني في كازاخستان إن التضخم تباطأ، وأشادت ماريا لوبيز من الأمم المتحدة بالإصلاحات. ",
}


def main() -> None:
    print(f"{'lang':4} {'words':>5} {'mentions':>8} {'ms/article':>10}")
    for language, paragraph in PARAGRAPHS.items():
        words_per = max(len(paragraph.split()), len(paragraph) // 3 if language == "zh" else 1)
        text = paragraph * max(1, 500 // words_per)
        sentences = split_sentences(text, language)
        find_mentions(text, sentences, language)  # warm-up: gazetteers load once
        runs = 20
        t0 = time.perf_counter()
        for _ in range(runs):
            found = find_mentions(text, sentences, language)
        ms = 1000 * (time.perf_counter() - t0) / runs
        print(f"{language:4} {len(text.split()) if language != 'zh' else len(text) // 3:5d} {len(found):8d} {ms:10.1f}")


if __name__ == "__main__":
    main()
