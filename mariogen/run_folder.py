"""Output folders owned by one run: refuse to mix runs, resume one, or replace it on request.

A command that writes a run's outputs into a folder (``generate -o DIR``, ``train -o DIR``;
``experiment run`` keeps its own run file, :mod:`mariogen.experiment.store`) claims it first
with :func:`claim_folder`, which writes :data:`RUN_FILE` into it: the command and the run's
*identity* (its settings, plain JSON, no clock or host data). Then:

- a folder that holds another run (its run file, or any of the command's output names) is
  refused with a :class:`RunFolderError` that names ``--resume`` and ``--force``, so an
  earlier run, checkpoint included, is never overwritten by accident;
- with ``resume``, the folder's own run is continued: :attr:`RunClaim.saved` holds the
  identity it was started with (``None`` when the folder is empty: the run starts), and the
  caller compares it with what it was asked for;
- with ``force``, the earlier run's files (those its run file lists, the run file itself and
  the command's output names) are removed and a new run starts.

Every claim removes the temporary files an atomic write killed mid-way left behind, so a run
resumed after ``kill -9`` ends with exactly the files of an uninterrupted one. When the run
has written its outputs, :meth:`RunClaim.finish` records them in the run file (``--force``
removes exactly those next time).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mariogen.errors import InputError
from mariogen.fileio import FileTooLargeError, atomic_write, read_bounded, remove_stale_temporaries

#: The file that says which run owns a folder.
RUN_FILE = "run.json"
#: The ``format`` field of every run file.
RUN_FORMAT = "mariogen-run"
#: Version of the run file's layout.
RUN_VERSION = 1
#: The largest run file read, in bytes.
MAX_RUN_FILE_BYTES = 16 * 1024 * 1024


class RunFolderError(InputError):
    """An output folder that holds another run, or whose run file is unusable."""


@dataclass(frozen=True)
class RunClaim:
    """A folder claimed for a run.

    Attributes:
        folder: the output folder.
        command: the command that owns it (``generate``).
        identity: the run's identity, as written to the run file.
        saved: on resume, the identity the folder's run was started with (``None``: there
            was no run to resume, or it predates run files).
        resumed: whether the folder already held this command's run.
    """

    folder: Path
    command: str
    identity: Mapping[str, Any]
    saved: Mapping[str, Any] | None
    resumed: bool

    def finish(self, files: Iterable[Path]) -> None:
        """Record the run's output files (relative to the folder) in the run file."""
        names = [Path(os.path.relpath(p, self.folder)).as_posix() for p in files]
        _write_run_file(self.folder, self.command, self.identity, names)


def claim_folder(
    folder: str | os.PathLike[str],
    command: str,
    identity: Mapping[str, Any],
    *,
    resume: bool = False,
    force: bool = False,
    outputs: Iterable[str] = (),
) -> RunClaim:
    """Claim ``folder`` for a run of ``command`` (see the module docstring).

    Args:
        folder: the output folder (created if needed).
        command: the command name written to the run file, e.g. ``"generate"``.
        identity: the run's identity (plain JSON data without clock or host data).
        resume: continue the folder's run of ``command`` if it holds one.
        force: replace whatever run the folder holds.
        outputs: names of files the command writes (a folder holding any of them holds a
            run, even without a run file, e.g. from an older mariogen).

    Returns:
        The claim. With ``resume``, :attr:`RunClaim.saved` is the identity the run was
        started with; the run file is only rewritten when the folder held no run.

    Raises:
        RunFolderError: for a folder holding another run (without ``resume`` or ``force``),
            a run of another command, or an unreadable run file.
    """
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise RunFolderError(f"{root}: exists and is not a folder")
    outputs = tuple(outputs)
    record = read_run_file(root) if (root / RUN_FILE).exists() else None
    held = record is not None or any((root / name).exists() for name in outputs)
    if record is not None and record["command"] != command and not force:
        raise RunFolderError(
            f"{root} holds the outputs of a '{record['command']}' run; use another folder, "
            "or --force to replace it"
        )
    if held and not (resume or force):
        raise RunFolderError(
            f"{root} holds the outputs of an earlier {command} run; --resume continues it, "
            "--force replaces it (or choose another folder)"
        )
    remove_stale_temporaries(root)
    if held and force:
        _remove_run(root, record, outputs)
        held, record = False, None
    if resume and held:
        saved = record.get("identity") if record is not None else None
        return RunClaim(root, command, dict(identity), saved, resumed=True)
    _write_run_file(root, command, identity, [])
    return RunClaim(root, command, dict(identity), None, resumed=False)


def read_run_file(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The run file of ``folder``: ``{"command", "identity", "files", ...}``.

    Raises:
        RunFolderError: for a missing, oversized or malformed run file.
    """
    path = Path(folder) / RUN_FILE
    try:
        data = json.loads(read_bounded(path, MAX_RUN_FILE_BYTES).decode("utf-8"))
    except OSError as exc:
        raise RunFolderError(f"{path}: cannot read the run file ({exc.strerror})") from None
    except FileTooLargeError:
        raise RunFolderError(f"{path}: larger than {MAX_RUN_FILE_BYTES} bytes") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise RunFolderError(f"{path}: not a run file ({exc})") from None
    ok = (
        isinstance(data, dict)
        and data.get("format") == RUN_FORMAT
        and isinstance(data.get("command"), str)
        and isinstance(data.get("identity"), dict)
        and isinstance(data.get("files"), list)
        and all(isinstance(f, str) for f in data["files"])
    )
    if not ok:
        raise RunFolderError(f"{path}: not a run file of this mariogen (format {RUN_FORMAT})")
    if data.get("version") != RUN_VERSION:
        raise RunFolderError(f"{path}: run file version {data.get('version')!r}, not {RUN_VERSION}")
    return data


def _write_run_file(
    root: Path, command: str, identity: Mapping[str, Any], files: list[str]
) -> None:
    data = {
        "format": RUN_FORMAT,
        "version": RUN_VERSION,
        "command": command,
        "identity": dict(identity),
        "files": files,
    }
    text = json.dumps(data, indent=2) + "\n"
    atomic_write(root / RUN_FILE, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _remove_run(root: Path, record: dict[str, Any] | None, outputs: tuple[str, ...]) -> None:
    """Remove an earlier run's files: the named outputs first (its checkpoint among them, so
    a kill here never leaves a run file beside a checkpoint of the wrong run), then the
    files its run file lists, the folders they leave empty, and the run file last."""
    listed = record["files"] if record is not None else []
    for name in (*outputs, *listed):
        path = (root / name).resolve()
        if root.resolve() not in path.parents:  # a run file naming files outside: ignore
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    for name in sorted(listed, key=lambda n: -n.count("/")):
        parent = (root / name).parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    (root / RUN_FILE).unlink(missing_ok=True)
