"""``mariogen generate --like REPLAY...``: infer the player's persona mix and the tester for it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mariogen.fileio import atomic_write
from mariogen.style.blend import NEAREST_SHARE, Likeness


@dataclass
class Inferred:
    """What ``--like`` inferred.

    A blend card is first put in a temporary folder (the settings and checks of the run need
    it); :meth:`install` writes it into the output folder once the run owns that folder.

    Attributes:
        sources: the replay files.
        per_replay: each replay's persona probabilities, in ``sources`` order.
        likeness: the mix and the persona generated for.
    """

    sources: tuple[str, ...]
    per_replay: tuple[dict[str, float], ...]
    likeness: Likeness
    _staging: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)
    _agent_path: str = field(default="", repr=False)

    def stage(self) -> None:
        """Make the blend card findable by name from a temporary folder."""
        self._agent_path = os.environ.get("MARIOGEN_AGENT_PATH", "")
        self._staging = tempfile.TemporaryDirectory(prefix="mariogen-like-")
        self.likeness.write(Path(self._staging.name))
        _find_cards_in(Path(self._staging.name), self._agent_path)

    def install(self, folder: Path) -> list[Path]:
        """Write the blend cards into ``folder`` and find them there from now on (worker
        processes inherit ``MARIOGEN_AGENT_PATH``); returns the files written."""
        if not self.likeness.blended:
            return []
        paths = self.likeness.write(folder)
        _find_cards_in(folder, self._agent_path)
        if self._staging is not None:
            self._staging.cleanup()
            self._staging = None
        return paths

    def line(self) -> str:
        """One line for the terminal."""
        count = f"{len(self.sources)} replay{'s' if len(self.sources) > 1 else ''}"
        card = f" (a blend card, {self.card_files[0]})" if self.likeness.blended else ""
        return (
            f"inferred from {count}: {self.likeness.summary()}; "
            f"generating for {self.likeness.persona}{card}"
        )

    @property
    def card_files(self) -> list[str]:
        """The blend card's file name and its weak form's (none for a core persona)."""
        return list(self.likeness.cards)

    def report_lines(self) -> list[str]:
        """The report's section on who the level is for."""
        like, names = self.likeness, ", ".join(f"`{Path(s).name}`" for s in self.sources)
        lines = [
            "## Who the level is for",
            "",
            f"Inferred from {names} by `mariogen classify` (the mean of each replay's persona "
            f"probabilities): {like.summary()}.",
            "",
        ]
        if len(self.sources) > 1:
            lines += [
                "| replay | " + " | ".join(like.mix) + " |",
                "|---" * (len(like.mix) + 1) + "|",
                *(
                    f"| {Path(s).name} | " + " | ".join(f"{p[n]:.2f}" for n in like.mix) + " |"
                    for s, p in zip(self.sources, self.per_replay, strict=True)
                ),
                "",
            ]
        if like.blended:
            lines.append(
                f"No persona has {NEAREST_SHARE:.0%} of the mix, so the tester is "
                f"`{like.persona}` ([{self.card_files[0]}]({self.card_files[0]})): the "
                "personas' cost and reward weights averaged by these shares, and their metrics "
                f"likewise; its weak form [{self.card_files[1]}]({self.card_files[1]}) "
                "measures the difficulty. Play it with "
                f"`MARIOGEN_AGENT_PATH=. mariogen play level.txt --agent {like.persona}`."
            )
        else:
            lines.append(
                f"The {like.persona} has at least {NEAREST_SHARE:.0%} of the mix, so the level "
                "is generated for its card."
            )
        return [*lines, ""]


def infer(replays: Sequence[str]) -> Inferred:
    """Classify the replays and choose the tester (a blend card is staged: :class:`Inferred`).

    Raises:
        ReplayError: for a replay that cannot be read or verified.
    """
    from mariogen.replay import Replay
    from mariogen.style import StyleClassifier, mix
    from mariogen.style.blend import likeness

    classifier = StyleClassifier()
    found = [classifier.classify_replay(Replay.read(path), path) for path in replays]
    inferred = Inferred(
        tuple(replays), tuple(c.probabilities for c in found), likeness(mix(found), replays)
    )
    if inferred.likeness.blended:
        inferred.stage()
    return inferred


def _find_cards_in(folder: Path, agent_path: str) -> None:
    """Put ``folder`` before ``agent_path`` in ``MARIOGEN_AGENT_PATH``."""
    folders = [str(folder.resolve()), agent_path]
    os.environ["MARIOGEN_AGENT_PATH"] = os.pathsep.join(f for f in folders if f)


def add_to_report(report: Path, inferred: Inferred) -> None:
    """Insert the section on who the level is for after the report's title."""
    text = report.read_text(encoding="utf-8")
    title, _, rest = text.partition("\n\n")
    section = "\n".join(inferred.report_lines())
    updated = f"{title}\n\n{section}\n{rest}"
    atomic_write(report, lambda tmp: tmp.write_text(updated, encoding="utf-8"))
