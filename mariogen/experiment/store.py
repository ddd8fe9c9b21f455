"""An experiment's output folder: its config, its finished cells, resume and refusal.

Each cell of an experiment (one generated level and its plays, one batch of corpus levels)
is saved as ``cells/<id>.json`` the moment it finishes, written atomically; a resumed run
skips the cells already there, so a crash loses at most the cells in flight. ``run.json``
holds the resolved config: ``--resume`` continues only a run of the same config, and a
folder that holds another run's outputs is refused unless ``--force``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mariogen.errors import InputError
from mariogen.experiment.config import ExperimentConfig
from mariogen.fileio import atomic_write, remove_stale_temporaries
from mariogen.version import __version__

RUN_FILE = "run.json"
CELLS = "cells"
CONFIG_COPY = "config.toml"


class ResultsFolderError(InputError):
    """An output folder that a run may not write into (another run's, or a mismatch)."""


def default_folder(config: ExperimentConfig) -> Path:
    """``results/<kind>/<name>`` (``-quick`` appended for the quick preset, ``-seed<N>`` for
    a seed other than 0), relative to the working folder."""
    name = config.name + ("-quick" if config.quick else "")
    if config.seed:
        name += f"-seed{config.seed}"
    return Path("results") / config.kind.value / name


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as indented JSON, atomically."""
    text = json.dumps(data, indent=1, sort_keys=True, allow_nan=True) + "\n"
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


class ResultStore:
    """The output folder of one run.

    Args:
        folder: the folder.
        config: the run's config.
        resume: continue a run of the same config found there.
        force: replace whatever the folder holds.

    Raises:
        ResultsFolderError: when the folder holds another run's outputs and neither
            ``resume`` (same config) nor ``force`` allows writing.
    """

    def __init__(
        self, folder: Path, config: ExperimentConfig, resume: bool = False, force: bool = False
    ) -> None:
        self.folder = Path(folder)
        self.config = config
        run_path = self.folder / RUN_FILE
        identity = {"config": config.to_dict()}
        if run_path.exists() and not force:
            found = self._read_run(run_path)
            if not resume:
                raise ResultsFolderError(
                    f"{self.folder} holds the results of an earlier run: pass --resume to "
                    f"continue it, --force to replace it, or -o to choose another folder"
                )
            if found.get("config") != identity["config"]:
                raise ResultsFolderError(
                    f"{self.folder} holds a run of another config; --resume continues only the "
                    f"same config (use --force to replace it, or -o for another folder)"
                )
        elif self.folder.exists() and any(self.folder.iterdir()) and not (force or resume):
            raise ResultsFolderError(
                f"{self.folder} is not empty and holds no experiment run: choose an empty "
                f"folder with -o, or pass --force to write into it"
            )
        if force and (self.folder / CELLS).exists() and not resume:
            shutil.rmtree(self.folder / CELLS)
        remove_stale_temporaries(self.folder)  # a killed run's half-written files
        write_json(run_path, {**identity, "mariogen": __version__})
        text = config.text
        atomic_write(self.folder / CONFIG_COPY, lambda tmp: tmp.write_text(text, "utf-8"))

    @staticmethod
    def _read_run(path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResultsFolderError(f"{path}: not a run file ({exc})") from None
        if not isinstance(data, dict):
            raise ResultsFolderError(f"{path}: not a run file")
        return data

    def cell_path(self, cell_id: str) -> Path:
        """Where a cell is saved."""
        return self.folder / CELLS / f"{cell_id}.json"

    def done(self, cell_id: str) -> bool:
        """Whether the cell has been saved."""
        return self.cell_path(cell_id).exists()

    def save(self, cell_id: str, data: dict[str, Any]) -> None:
        """Save a finished cell."""
        write_json(self.cell_path(cell_id), data)

    def load(self, cell_id: str) -> dict[str, Any]:
        """A saved cell."""
        return load_cell(self.cell_path(cell_id))


def load_cell(path: Path) -> dict[str, Any]:
    """A saved cell's data.

    Raises:
        ResultsFolderError: for a file that is not a cell.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResultsFolderError(f"{path}: not a saved cell ({exc})") from None
    if not isinstance(data, dict) or "rows" not in data:
        raise ResultsFolderError(f"{path}: not a saved cell (no rows)")
    return data
