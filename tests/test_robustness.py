"""Hostile and malformed input: parsers answer with a ReadError or an article, never a crash."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.model import RawArticle
from tidings.read import ReadError, read_article
from tidings.read.clean import strip_noise
from tidings.read.dates import find_dates, parse_published
from tidings.read.names import find_mentions, name_key
from tidings.read.sentences import split_sentences

FORMATS = st.sampled_from(["txt", "html", "jsonl", "feed-item"])


@settings(max_examples=150, deadline=None)
@given(content=st.binary(max_size=3000), fmt=FORMATS)
def test_any_bytes_are_read_or_refused(content, fmt):
    try:
        article = read_article(RawArticle("fuzz", fmt, content))
    except ReadError:
        return
    assert article.text.strip() and all(0 <= s.start <= s.end <= len(article.text) for s in article.sentences)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=2000))
def test_any_text_is_read_or_refused(text):
    try:
        article = read_article(RawArticle("fuzz.txt", "txt", text.encode("utf-8", "surrogatepass")))
    except (ReadError, UnicodeEncodeError):
        return
    for mention in article.mentions:
        assert article.text[mention.start:mention.end] == mention.text


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_dates_names_and_noise_never_crash(text):
    sentences = split_sentences(text, "en")
    for found in find_dates(text, sentences, date(2025, 6, 1)):
        assert found.precision in ("day", "month", "year")
    find_mentions(text, sentences, "en")
    name_key(text)
    parse_published(text)
    strip_noise(text)


def test_strange_names_do_not_crash():
    text = ("Präsident " + "A" * 500 + " traf 1234 5678 und 😀😀 Emoji-Man sowie Μιχάλης Ivanov-李 in Berlin. "
            "ZZZZZZ " * 100)
    sentences = split_sentences(text, "de")
    mentions = find_mentions(text, sentences, "de")
    assert all(text[m.start:m.end] == m.text for m in mentions)
