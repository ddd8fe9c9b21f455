"""Argument types shared by the subcommands: each turns bad text into a one-line usage error."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def whole_number(minimum: int = 1) -> Callable[[str], int]:
    """An argparse type accepting whole numbers >= ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected a number >= {minimum}, got {value}")
        return value

    return parse


def seconds(text: str) -> float:
    """An argparse type for a time limit: more than 0 and at most 3600 seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"expected seconds between 0 and 3600, got {text}")
    return value


def window_scale(text: str) -> float:
    """An argparse type for a window or export scale between 0.25 and 8."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a scale such as 1 or 2, got {text!r}") from None
    if not 0.25 <= value <= 8:
        raise argparse.ArgumentTypeError(f"expected a scale between 0.25 and 8, got {text}")
    return value
