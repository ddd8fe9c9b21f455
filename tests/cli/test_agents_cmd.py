"""``mariogen agents list``: every registered agent with its kind and description."""

from __future__ import annotations

import json

import pytest

from mariogen.agents import list_agents
from mariogen.cli.main import main


def test_list_shows_the_baselines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agents", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(list_agents())
    rows = {line.split()[0]: line.split()[1] for line in lines}
    assert rows["do-nothing"] == rows["run-right"] == rows["random"] == "baseline"


def test_kind_filter_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agents", "list", "--kind", "baseline", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {row["kind"] for row in rows} == {"baseline"}
    assert {"do-nothing", "run-right", "random"} <= {row["name"] for row in rows}
    assert all(row["description"] for row in rows)


def test_bare_command_lists_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agents"]) == 0
    assert "run-right" in capsys.readouterr().out


def test_unknown_kind_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agents", "list", "--kind", "wizard"]) == 2
    err = capsys.readouterr().err
    assert "argument --kind: invalid choice: 'wizard' (choose from 'baseline', 'persona'" in err
