"""`meso publish` for several servers: the model server folder and the list of servers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meso.tools import publish


def test_model_server_folder_gets_the_model_whole(tmp_path: Path) -> None:
    model = tmp_path / "m.tar.gz"
    model.write_bytes(b"x" * 3_000_000)
    target = publish.place_on_model_server(model, tmp_path / "published")
    assert target.name == "current.tar.gz" and target.read_bytes() == model.read_bytes()
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in target.parent.iterdir()] == ["current.tar.gz"]  # no partial left
    model.write_bytes(b"y" * 10)  # a new publish replaces it
    assert publish.place_on_model_server(model, target.parent).read_bytes() == b"y" * 10


def test_servers_from_options_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RASA_URLS", "RASA_URL", "RASA_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(publish, "SERVER_URLS", [])
    assert publish.server_urls() == ["http://localhost:5005"]
    assert not publish.explicit_urls()
    monkeypatch.setenv("RASA_URLS", "http://a:5005/, http://b:5005")
    assert publish.server_urls() == ["http://a:5005", "http://b:5005"]
    monkeypatch.setattr(publish, "SERVER_URLS", ["http://c:5005"])
    assert publish.server_urls() == ["http://c:5005"] and publish.explicit_urls()


def test_publish_to_a_model_server_needs_no_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RASA_URLS", raising=False)
    monkeypatch.delenv("RASA_URL", raising=False)
    model = tmp_path / "m.tar.gz"
    model.write_bytes(b"model")
    monkeypatch.setattr(publish, "SERVER_URLS", [])
    monkeypatch.setattr(publish, "MODEL_SERVER_DIR", tmp_path / "served")
    assert publish.deliver(tmp_path, model) == {}
    assert (tmp_path / "served" / "current.tar.gz").read_bytes() == b"model"
    assert publish.destination() == f"model server {tmp_path / 'served'}"
    assert os.access(tmp_path / "served" / "current.tar.gz", os.R_OK)
