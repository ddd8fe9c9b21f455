"""Files in and out: bounded reads of untrusted files, and atomic writes (a temporary file
next to the target, then a rename)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


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


class FileTooLargeError(ValueError):
    """A file larger than the reader accepts."""


def read_bounded(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing a file larger than ``max_bytes``.

    At most ``max_bytes + 1`` bytes are read, so a huge or endless file (``/dev/zero``)
    costs nothing.

    Raises:
        OSError: when the file cannot be read.
        FileTooLargeError: when it holds more than ``max_bytes`` bytes.
    """
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLargeError(f"{path}: larger than {max_bytes} bytes")
    return data
