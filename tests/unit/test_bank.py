"""The shipped question and reframe bank, limiting-word matching, and the user's bank files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionkit.errors import DataFileError
from sessionkit.guidance.bank import PURPOSES, Bank, parse_bank
from sessionkit.guidance.guide import Guide

SHIPPED = sorted((Path(__file__).parents[2] / "data" / "bank").glob("*.toml"))
LIMITING = ["can't", "always", "never", "should", "have to", "must", "impossible", "problem",
            "fail", "nobody", "everyone", "too late", "not good enough"]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.shipped()


def test_every_shipped_bank_file_loads():
    assert SHIPPED
    for path in SHIPPED:
        parse_bank(path)


def test_enough_questions_and_reframes_all_tagged_with_unique_ids(bank):
    assert len(bank.questions) >= 150
    assert len(bank.reframes) >= 40
    ids = [*bank.questions, *bank.reframes]
    assert len(ids) == len(set(ids))
    assert all(q.tags and set(q.tags) <= set(PURPOSES) for q in bank.questions.values())
    assert all(r.words for r in bank.reframes.values())
    texts = [q.text for q in bank.questions.values()] + [r.text for r in bank.reframes.values()]
    assert len(texts) == len(set(texts))


def test_every_purpose_has_a_pool_for_a_whole_round(bank):
    for purpose in PURPOSES:
        assert len(bank.by_purpose[purpose]) >= 8, purpose


@pytest.mark.parametrize("word", LIMITING)
def test_each_limiting_word_has_a_reframe(bank, word):
    assert bank.by_word.get(word), word


@pytest.mark.parametrize(("text", "words"), [
    ("I always fail at this", ("always", "fail")),
    ("She CANNOT see it, I can\u2019t either", ("cannot", "can't")),
    ("I   have  to go", ("have to",)),
    ("I'm not good enough and it's too late", ("not good enough", "too late")),
    ("My shoulder hurts; nevertheless it worked", ()),
    ("Nobody, nobody at all", ("nobody",)),
    ("", ()),
])
def test_limiting_words_match_whole_words_in_order(bank, text, words):
    assert bank.limiting_words(text) == words


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_bank_adds_and_replaces_by_id(isolated_dirs):
    write(isolated_dirs / "config" / "bank", "mine.toml", """
questions = [
  { id = "mine-1", tags = ["options"], text = "What would your future self advise?" },
  { id = "outcome-01", tags = ["outcome"], text = "What do you want from today, in one line?" },
]
[[reframes]]
id = "mine-r1"
words = ["hopeless"]
text = "Hopeless, or tired? They need different things."
""")
    bank = Bank.load()
    assert bank.problems == []
    assert bank.questions["mine-1"].tags == ("options",)
    assert bank.questions["outcome-01"].text == "What do you want from today, in one line?"
    assert "mine-r1" in {r.id for r in bank.by_word["hopeless"]}
    assert Guide().bank.questions["mine-1"]  # the no-argument Guide picks the user's file up


BROKEN = [
    ("questions = [\n  { id = \"a\", tags = [\"options\"], text = \"x\" \n]\n", 2,
     "not valid TOML"),
    ("questions = [\n  { id = \"a\", tags = [\"optoins\"], text = \"What?\" },\n]\n", 2,
     "unknown tag 'optoins'"),
    ("questions = [\n  { id = \"a\", tags = [\"options\"], text = \"A?\" },\n"
     "  { id = \"a\", tags = [\"options\"], text = \"B?\" },\n]\n", 2, "used twice"),
    ("[[reframes]]\nid = \"r\"\nwords = []\ntext = \"T\"\n", 2, "'words' must be a non-empty"),
    ("[[questions]]\nid = \"q\"\ntag = [\"options\"]\ntext = \"T\"\n", 2, "unknown field 'tag'"),
    ("questions = [\n  { id = \"q\", tags = [\"options\"] },\n]\n", 2, "'text' must be"),
    ("[[question]]\nid = \"q\"\n", 1, "unknown section 'question'"),
]


@pytest.mark.parametrize(("text", "line", "what"), BROKEN)
def test_broken_user_bank_is_reported_with_file_and_line(isolated_dirs, text, line, what):
    path = write(isolated_dirs / "config" / "bank", "broken.toml", text)
    with pytest.raises(DataFileError) as err:
        parse_bank(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: ") and what in message
    assert "\n" not in message
    bank = Bank.load()  # the app carries on with the shipped bank
    assert bank.problems == [message]
    assert len(bank.questions) >= 150
