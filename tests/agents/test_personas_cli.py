"""``mariogen personas list`` / ``show``."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.cli.main import main


def test_list_shows_every_builtin_persona(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["personas", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["NAME", "PLANNER", "HORIZON", "BUDGET", "DESCRIPTION"]
    rows = {line.split()[0]: line.split() for line in out[1:]}
    for name in ("runner", "collector", "killer"):
        assert rows[name][1:4] == ["astar", "176", "200"]
        assert rows[f"{name}-weak"][1:3] == ["astar", "88"]
    assert "-paper" in " ".join(rows)


def test_show_prints_the_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["personas", "show", "collector"]) == 0
    out = capsys.readouterr().out
    assert 'name = "collector"' in out and "[cost]" in out and "[reward]" in out


def test_user_card_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    (tmp_path / "hoarder.toml").write_text(
        'name = "hoarder"\ndescription = "only coins"\n[planner]\ntype = "astar"\n'
        "node_budget = 50\n[cost]\ncoins = -500\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MARIOGEN_AGENT_PATH", str(tmp_path))
    assert main(["personas", "list"]) == 0
    assert any(line.startswith("hoarder ") for line in capsys.readouterr().out.splitlines())


def test_unknown_persona_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["personas", "show", "nobody"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("mariogen: error: no persona card named 'nobody'")
    assert "\n" not in err
