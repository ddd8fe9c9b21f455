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


def number_between(
    low: float, high: float, what: str, example: str, *, above_low: bool = False
) -> Callable[[str], float]:
    """An argparse type accepting numbers from ``low`` (excluded with ``above_low``) to
    ``high``; errors name ``what`` ("expected seconds between 0 and 3600") and show
    ``example`` for text that is not a number."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {example}, got {text!r}") from None
        inside = low < value <= high if above_low else low <= value <= high
        if not inside:
            raise argparse.ArgumentTypeError(
                f"expected {what} between {low:g} and {high:g}, got {text}"
            )
        return value

    return parse


#: A time limit: more than 0 and at most 3600 seconds.
seconds = number_between(0, 3600, "seconds", "a number of seconds", above_low=True)
#: A window or export scale between 0.25 and 8.
window_scale = number_between(0.25, 8, "a scale", "a scale such as 1 or 2")
