"""``mariogen examples``: list the shipped example levels, or copy them into a folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from mariogen.cli.command import add_command
from mariogen.cli.errors import UserError
from mariogen.level import Level
from mariogen.resources import project_path

_HELP = "list the shipped example levels and where they are, or copy them (-o DIR)"

_DESCRIPTION = """\
mariogen ships a few small levels to try every command on. Without -o, list them: name,
size, what they offer and the file's full path (in a source checkout levels/examples/; in
an installed mariogen <prefix>/share/mariogen/levels/examples/). With -o DIR, copy them
into DIR (created if needed) so the examples of the other commands' --help work as written
from the folder above DIR; a file already there with other content is left alone and
reported (--force replaces it)."""

_EPILOG = """\
examples:
  mariogen examples
  mariogen examples -o examples/
  mariogen validate examples/*.txt
  mariogen play examples/first-steps.txt --agent runner

exit status: 0 on success, 2 when the examples are missing or a copy would replace a
different file (without --force)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``examples`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    p = add_command(subparsers, "examples", _HELP, _DESCRIPTION, _EPILOG)
    p.add_argument("-o", "--output", metavar="DIR", help="copy the example levels into DIR")
    p.add_argument("--force", action="store_true", help="replace differing files in DIR")
    p.set_defaults(func=run)


def example_files() -> list[Path]:
    """The shipped example levels, sorted by name.

    Raises:
        UserError: when there are none (a broken install).
    """
    folder = project_path("levels", "examples")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise UserError(f"no example levels in {folder}; is mariogen installed completely?")
    return files


def run(args: argparse.Namespace) -> int:
    """List the example levels, or copy them.

    Returns:
        0 on success.

    Raises:
        UserError: when the examples are missing, or a copy would replace another file.
    """
    files = example_files()
    if args.output is None:
        return _list(files)
    return _copy(files, Path(args.output), args.force)


def _list(files: list[Path]) -> int:
    rows = []
    for path in files:
        level = Level.read(path)
        rows.append(
            (
                path.name,
                f"{level.width} x {level.height}",
                f"{level.total_coins} coins, {level.enemy_count} enemies",
                str(path.resolve()),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[3]]))
    print(f"copy them with: mariogen examples -o DIR (they are in {files[0].parent.resolve()})")
    return 0


def _copy(files: list[Path], folder: Path, force: bool) -> int:
    from mariogen.fileio import atomic_write

    if folder.exists() and not folder.is_dir():
        raise UserError(f"-o {folder}: exists and is not a folder")
    clashes = [
        folder / path.name
        for path in files
        if (folder / path.name).exists() and (folder / path.name).read_bytes() != path.read_bytes()
    ]
    if clashes and not force:
        names = ", ".join(str(p) for p in clashes)
        raise UserError(f"{names}: already there with other content; --force replaces it")
    for path in files:
        data = path.read_bytes()
        atomic_write(folder / path.name, lambda tmp, data=data: tmp.write_bytes(data))
    print(f"copied {len(files)} example levels to {folder}: {', '.join(p.name for p in files)}")
    return 0
