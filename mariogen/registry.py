"""Registries of plug-ins by name: agents, planner types and metrics share this one shape.

A :class:`Registry` holds named entries of one kind. Entries come from three places, looked
up in this order:

1. code that calls :meth:`Registry.register` (the built-in entries register on import);
2. *sources*: functions that list entries made from data, such as the persona cards
   (``agents/*.toml``), asked again on every lookup so that new files are seen;
3. the entry points of the registry's group, loaded once, on first lookup. A separate
   package adds a planner type, an agent or a metric in its own ``setup.cfg``::

       [options.entry_points]
       mariogen.planners =
           my-planner = my_package.planner:PLANNER
       mariogen.agents =
           my-agent = my_package.agents:MyAgent
       mariogen.metrics =
           my-metric-v0 = my_package.metrics:MyMetric

   Each registry says what an entry point may name (see :attr:`Registry.adapt`). A plug-in
   that fails to load is reported once as a warning and left out; it never breaks the
   built-in entries.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries of one kind, from code, data sources and an entry-point group.

    Args:
        kind: what the entries are, for messages (``"agent"``, ``"planner type"``).
        group: the entry-point group scanned for plug-ins (``"mariogen.agents"``).
        adapt: turns a loaded entry-point object and its name into an entry (default:
            the object itself); raise ``TypeError`` for an object that does not fit.
    """

    def __init__(
        self, kind: str, group: str, adapt: Callable[[str, object], T] | None = None
    ) -> None:
        self.kind = kind
        self.group = group
        self.adapt: Callable[[str, object], T] = adapt or (lambda name, obj: obj)  # type: ignore[assignment,return-value]
        self._entries: dict[str, T] = {}
        self._sources: list[Callable[[], Iterable[tuple[str, T]]]] = []
        self._plugins: dict[str, T] | None = None
        self._explainers: list[Callable[[str], Exception | None]] = []

    def register(self, name: str, entry: T) -> T:
        """Register ``entry`` under ``name`` (a later registration replaces it).

        Raises:
            ValueError: for an empty name.
        """
        if not isinstance(name, str) or not name:
            raise ValueError(f"a {self.kind} needs a non-empty name, not {name!r}")
        self._entries[name] = entry
        return entry

    def unregister(self, name: str) -> None:
        """Remove a registered entry (no error if there is none)."""
        self._entries.pop(name, None)

    def add_source(self, source: Callable[[], Iterable[tuple[str, T]]]) -> None:
        """Add a function that lists ``(name, entry)`` pairs made from data (asked on lookup)."""
        self._sources.append(source)

    def add_explainer(self, explain: Callable[[str], Exception | None]) -> None:
        """Add a function that tells why a name is missing (a broken card): the error to raise."""
        self._explainers.append(explain)

    def _load_plugins(self) -> dict[str, T]:
        if self._plugins is None:
            self._plugins = {}
            for ep in entry_points(group=self.group):
                try:
                    self._plugins[ep.name] = self.adapt(ep.name, ep.load())
                except Exception as exc:  # a broken plug-in must not break the built-ins
                    warnings.warn(
                        f"{self.kind} plug-in {ep.name!r} ({ep.value}) could not be loaded: {exc}",
                        RuntimeWarning,
                        stacklevel=3,
                    )
        return self._plugins

    def entries(self) -> dict[str, T]:
        """Every entry by name: registered ones first, then sources, then plug-ins."""
        out = dict(self._entries)
        for source in self._sources:
            for name, entry in source():
                out.setdefault(name, entry)
        for name, entry in self._load_plugins().items():
            out.setdefault(name, entry)
        return out

    def get(self, name: str) -> T:
        """The entry registered as ``name``.

        Raises:
            KeyError: for an unknown name; the message lists the known ones.
            Exception: what an explainer returns for a name it knows to be broken.
        """
        if name in self._entries:
            return self._entries[name]
        found = self.entries()
        if name not in found:
            for explain in self._explainers:
                problem = explain(name)
                if problem is not None:
                    raise problem
            known = ", ".join(sorted(found)) or "none"
            raise KeyError(f"unknown {self.kind} {name!r}; known {self.kind}s: {known}")
        return found[name]

    def names(self) -> list[str]:
        """Every name, sorted."""
        return sorted(self.entries())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.entries()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def reload_plugins(self) -> None:
        """Scan the entry-point group again on the next lookup (after installing a plug-in)."""
        self._plugins = None
