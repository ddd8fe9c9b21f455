"""``mariogen agents list``: the agents that ``--agent NAME`` accepts."""

from __future__ import annotations

import argparse
import json

from mariogen.cli.command import add_actions, add_command, add_default_action

_HELP = "list the agents that play levels (baselines, personas, policies)"

_DESCRIPTION = """\
List every registered agent: its name (what --agent NAME takes), its kind (baseline,
persona or policy) and what it does. Persona cards in agents/*.toml register themselves as
agents of kind "persona"."""

_EPILOG = """\
examples:
  mariogen agents list
  mariogen agents list --kind persona
  mariogen agents list --json

exit status: 0 on success, 2 for a bad option."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``agents`` subcommand and its ``list`` action.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "agents", _HELP, _DESCRIPTION, _EPILOG)
    actions = add_actions(parser)
    add_default_action(
        parser, actions, "list", "list the registered agents", _DESCRIPTION, _EPILOG, _options
    )
    parser.set_defaults(func=run)


def _options(parser: argparse.ArgumentParser) -> None:
    from mariogen.agents.registry import AgentKind

    kinds = [kind.value for kind in AgentKind]
    parser.add_argument("--kind", choices=kinds, help="only agents of this kind")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def run(args: argparse.Namespace) -> int:
    """Print the registered agents, one per line.

    Args:
        args: parsed arguments with ``kind`` and ``json``.

    Returns:
        0.
    """
    from mariogen.agents import list_agents

    specs = list_agents(args.kind)
    if args.json:
        for spec in specs:
            row = {"name": spec.name, "kind": spec.kind, "description": spec.description}
            print(json.dumps(row))
        return 0
    if not specs:
        print(f"no agents of kind {args.kind!r}")
        return 0
    width = max(len(spec.name) for spec in specs)
    kinds = max(len(spec.kind) for spec in specs)
    for spec in specs:
        print(f"{spec.name:<{width}}  {spec.kind:<{kinds}}  {spec.description}")
    return 0
