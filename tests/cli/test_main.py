"""The command-line skeleton: --version, --help, the command registry and error reporting."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from mariogen import __version__
from mariogen.cli import main as cli_main
from mariogen.cli.errors import UserError
from mariogen.cli.main import COMMAND_MODULES, main
from mariogen.level import Level
from tests.conftest import REPO_ROOT


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"mariogen {__version__}"


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("validate", "render"):
        assert name in out
    assert "examples:" in out


@pytest.mark.parametrize("command", ["validate", "render"])
def test_subcommand_help_has_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"mariogen {command} " in out


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_every_command_module_has_register_and_run() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        assert callable(module.register) and callable(module.run)


def _fake_command(error: BaseException) -> argparse.Namespace:
    def run(args: argparse.Namespace) -> int:
        raise error

    return argparse.Namespace(func=run)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (UserError("bad --thing"), "mariogen: error: bad --thing"),
        (FileNotFoundError(2, "No such file or directory", "x.txt"), "mariogen: error: x.txt: No"),
        (PermissionError(13, "Permission denied", "/root/y"), "mariogen: error: /root/y: Perm"),
    ],
)
def test_user_errors_become_one_line_and_status_2(
    error: BaseException,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = cli_main.build_parser()
    monkeypatch.setattr(parser, "parse_args", lambda argv: _fake_command(error))
    monkeypatch.setattr(cli_main, "build_parser", lambda: parser)
    assert main(["anything"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_bugs_are_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = cli_main.build_parser()
    monkeypatch.setattr(parser, "parse_args", lambda argv: _fake_command(ZeroDivisionError()))
    monkeypatch.setattr(cli_main, "build_parser", lambda: parser)
    with pytest.raises(ZeroDivisionError):
        main(["anything"])


def test_python_dash_m_reports_a_bad_level_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("XX\nX\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mariogen", "validate", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == f"{bad}:2:2: row has 1 characters; expected 2 like the first row\n"
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["generate", "-o", "x", "--population", "2"], "generate: argument --population:"),
        (["play"], "play: the following arguments are required: LEVEL"),
        (["render", "a.txt", "-o", "a.png", "--scale", "x"], "render: argument --scale:"),
        (["personas", "show"], "personas show: the following arguments are required: NAME"),
    ],
)
def test_usage_errors_are_one_line_like_other_user_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mariogen: error: {message}") and err.count("\n") == 1, err
    assert "(see mariogen " in err and "usage:" not in err


@pytest.mark.parametrize("command", ["agents", "metrics", "personas", "segments"])
def test_a_command_without_its_action_lists(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command with actions does the same without one: it lists."""
    assert main([command]) == 0
    bare = capsys.readouterr().out
    assert main([command, "list"]) == 0
    assert bare == capsys.readouterr().out and bare.strip()


def test_a_level_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[2] / "levels/examples/first-steps.txt").read_bytes()
    marked = tmp_path / "marked.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + text)
    assert main(["validate", str(marked)]) == 0
    assert Level.read(marked) == Level.from_text(text.decode("utf-8"))


def test_generate_warns_of_options_that_do_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--persona", "runner", "--difficulty", "any", "--population", "3"]
    args += ["--generations", "0", "--segments", "2", "--workers", "1", "-q", "--no-replays"]
    assert main(["generate", *args, "--self-weight", "2", "-o", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "warning: --self-weight is used in contrast mode only; mode single ignores it" in err


def test_play_evaluate_and_generate_share_one_default_time_limit() -> None:
    import inspect

    from mariogen.agents import play
    from mariogen.envs.mario_env import MarioEnv
    from mariogen.evaluation import evaluate
    from mariogen.generator import GeneratorSettings
    from mariogen.replay import DEFAULT_TIME_LIMIT_S

    parser = cli_main.build_parser()
    defaults = {
        "play": parser.parse_args(["play", "x.txt"]).time,
        "play --time-limit": parser.parse_args(["play", "x.txt", "--time-limit", "7"]).time,
        "evaluate": parser.parse_args(["evaluate", "x.txt"]).time_limit,
        "generate": GeneratorSettings(persona="runner").time_limit_s,
        "play()": inspect.signature(play).parameters["time_limit_s"].default,
        "evaluate()": inspect.signature(evaluate).parameters["time_limit_s"].default,
        "env": inspect.signature(MarioEnv).parameters["time_limit_s"].default,
    }
    assert defaults.pop("play --time-limit") == 7
    assert set(defaults.values()) == {DEFAULT_TIME_LIMIT_S}, defaults


def _actions(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subparsers[0].choices) if subparsers else {}


def test_every_action_has_a_description_and_an_example() -> None:
    commands = _actions(cli_main.build_parser())
    with_actions = {name: _actions(p) for name, p in commands.items() if _actions(p)}
    assert {"agents", "metrics", "personas", "segments"} <= set(with_actions)
    for command, actions in with_actions.items():
        for action, parser in actions.items():
            where = f"mariogen {command} {action} --help"
            assert parser.description, f"{where} has no description"
            assert "examples:" in (parser.epilog or ""), f"{where} has no examples"
            assert f"mariogen {command} {action}" in parser.epilog, f"{where}: no example of it"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["metrics", "--kind", "content"], ["metrics", "list", "--kind", "content"]),
        (["metrics", "--kind", "content", "list"], ["metrics", "list", "--kind", "content"]),
        (["agents", "--kind", "baseline"], ["agents", "list", "--kind", "baseline"]),
        (["agents", "--json", "list"], ["agents", "list", "--json"]),
        (["segments", "--family", "gap"], ["segments", "list", "--family", "gap"]),
        (["segments", "--entry", "2", "list"], ["segments", "list", "--entry", "2"]),
    ],
)
def test_the_default_actions_options_work_before_and_after_its_name(
    before: list[str], after: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`mariogen metrics --kind content list` used to list every metric (the action's own
    default replaced the option given before it)."""
    assert main(after) == 0
    expected = capsys.readouterr().out
    assert main(before) == 0
    assert capsys.readouterr().out == expected
    assert main(after[:2]) == 0
    assert capsys.readouterr().out != expected  # the option filters


@pytest.mark.parametrize("command", ["agents", "metrics"])
def test_an_unknown_kind_is_rejected(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "list", "--kind", "nonsense"]) == 2
    err = capsys.readouterr().err
    assert "argument --kind: invalid choice: 'nonsense'" in err and err.count("\n") == 1


def test_population_states_its_real_minimum(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert "at least 3: more than the 2 elites kept" in help_text
    assert main(["generate", "--population", "2", "-o", "x"]) == 2
    assert "argument --population: expected a number >= 3, got 2" in capsys.readouterr().err


def test_workers_above_the_cores_are_a_warning_for_every_command() -> None:
    import os

    from mariogen.cli.command import too_many_workers

    cores = os.cpu_count() or 1
    assert too_many_workers(cores) is None and too_many_workers(1) is None
    assert too_many_workers(cores + 1) == (
        f"--workers {cores + 1} is more than the {cores} cores; it will not be faster"
    )
