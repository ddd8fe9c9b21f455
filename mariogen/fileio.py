"""Files in and out: bounded reads of untrusted files, and atomic writes (a temporary file
next to the target, then a rename)."""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

#: The names :func:`atomic_write` gives its temporary files: ``.NAME.8HEX.tmp[SUFFIX]``.
_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp[^/]*$")


def atomic_write(
    path: str | os.PathLike[str], write: Callable[[Path], None], suffix: str = ""
) -> None:
    """Create or replace ``path`` so that readers never see a half-written file.

    ``write`` fills a temporary file in the same folder (created empty, with the permissions
    a new file would get under the current umask); the file is then renamed onto ``path``.
    The parent folder is created if needed; on failure the temporary file is removed.

    Args:
        path: the file to create or replace.
        write: called with the temporary file's path; it must write the whole content.
        suffix: ending of the temporary file's name (some writers choose the format by it).

    Raises:
        OSError: when the folder or file cannot be written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp{suffix}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        os.close(fd)
        break
    else:  # pragma: no cover - 100 random name collisions
        raise FileExistsError(f"cannot create a temporary file next to {target}")
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files :func:`atomic_write` left in ``folder`` (and below) when its
    process was killed between creating and renaming them; returns the files removed.

    Call it only on a folder no other process is writing into (a run's own output folder,
    before the run starts).
    """
    root = Path(folder)
    removed = []
    if not root.is_dir():
        return removed
    for path in sorted(root.rglob(".*")):
        if _TEMPORARY.match(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


class FileTooLargeError(ValueError):
    """A file larger than the reader accepts."""


def read_bounded(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing a file larger than ``max_bytes``.

    At most ``max_bytes + 1`` bytes are read, so a huge or endless file (``/dev/zero``)
    costs nothing.

    Raises:
        OSError: when the file cannot be read (a name holding a NUL character included).
        FileTooLargeError: when it holds more than ``max_bytes`` bytes.
    """
    if "\0" in os.fsdecode(path):  # open() would raise ValueError
        raise OSError(errno.EINVAL, "file name holds a NUL character", os.fsdecode(path))
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLargeError(f"{path}: larger than {max_bytes} bytes")
    return data
