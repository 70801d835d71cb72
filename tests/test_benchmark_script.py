"""meso/tools/benchmark.py's conversation generator and statistics (not a timed test)."""

from __future__ import annotations

import random

import pytest

from meso.tools import benchmark


def test_every_faq_question_of_a_run_is_a_different_text() -> None:
    questions = benchmark.Questions(seed=1)
    taken = questions.take(500) + questions.take(500)
    assert len(set(taken)) == 1000
    assert all(any(q in text for q in benchmark.FAQ_QUESTIONS) for text in taken)


def test_the_supply_is_seeded() -> None:
    assert benchmark.Questions(seed=3).take(20) == benchmark.Questions(seed=3).take(20)
    assert benchmark.Questions(seed=3).take(20) != benchmark.Questions(seed=4).take(20)


def test_a_visitor_greets_asks_four_questions_does_the_check_and_leaves() -> None:
    turns = benchmark.visitor_messages(random.Random(0), benchmark.Questions(seed=0))
    assert len(turns) == benchmark.TURNS == 12
    texts = [text for text, _ in turns]
    assert texts[0] in benchmark.GREETINGS and texts[-1] in benchmark.GOODBYES
    assert texts[5] == benchmark.START_CHECK
    assert all(text in benchmark.NO_ANSWERS for text in texts[6:11])
    assert [is_check for _, is_check in turns] == [False] * 5 + [True] * 6 + [False]


@pytest.mark.parametrize(("q", "expected"), [(0, 1.0), (50, 2.5), (100, 4.0), (95, 3.85)])
def test_percentile_interpolates(q: float, expected: float) -> None:
    assert benchmark.percentile([4.0, 1.0, 3.0, 2.0], q) == pytest.approx(expected)


def test_with_several_servers_each_conversation_stays_on_one(monkeypatch) -> None:
    import requests

    seen: dict = {}

    class Reply:
        status_code = 200

        @staticmethod
        def json() -> list:
            return [{"text": "ok"}]

    def post(self, url, json, timeout):  # requests.Session.post's own argument names
        seen.setdefault(json["sender"], set()).add(url)
        return Reply()

    monkeypatch.setattr(requests.Session, "post", post)
    level = benchmark.run_level(["http://a", "http://b"], 4, 1, 0.0, 5, benchmark.Questions(3))
    assert level.errors == 0 and len(seen) == 4
    assert all(len(urls) == 1 for urls in seen.values())  # each conversation on one server
    assert set().union(*seen.values()) == {"http://a", "http://b"}  # both servers used
    assert benchmark.scale_out(1, None, 0, None, None, [], "http://a") is None  # type: ignore[arg-type]
