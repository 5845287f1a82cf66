"""Stages registered by name, imported lazily.

Built-in stages register here, the same way a plugin would (entry-point group
``newsprism.stages``); a pipeline is a list of names validated before it runs.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from newsprism.errors import UsageError
from newsprism.stage import Stage

BUILTIN_STAGES: dict[str, str] = {
    "ingest": "newsprism.ingest.stage:IngestStage",
    "extract": "newsprism.extract.stage:ExtractStage",
    "dedup": "newsprism.dedup.stage:DedupStage",
    "cluster": "newsprism.cluster.stage:ClusterStage",
    "compare": "newsprism.compare.stage:CompareStage",
}

#: the default pipeline of ``newsprism analyze``
DEFAULT_PIPELINE = ("ingest", "extract", "dedup", "cluster", "compare")


def available() -> dict[str, str]:
    names = dict(BUILTIN_STAGES)
    for ep in entry_points(group="newsprism.stages"):
        names.setdefault(ep.name, ep.value)
    return names


def get_stage(name: str) -> type[Stage]:
    names = available()
    if name not in names:
        raise UsageError(f"unknown stage {name!r}; registered stages: {', '.join(sorted(names))}")
    module, _, attr = names[name].partition(":")
    cls = getattr(importlib.import_module(module), attr)
    if not (isinstance(cls, type) and issubclass(cls, Stage)):
        raise UsageError(f"{names[name]} is not a newsprism Stage")
    return cls


def validate(pipeline: list[str] | tuple[str, ...]) -> list[type[Stage]]:
    """Resolve names and check that each stage's requirements come earlier."""
    classes = [get_stage(n) for n in pipeline]
    produced: set[str] = set()
    for cls in classes:
        missing = [r for r in cls.requires if r not in produced]
        if missing:
            raise UsageError(f"stage {cls.name!r} needs {missing}, which no earlier stage assigns; "
                             f"pipeline: {list(pipeline)}")
        produced.update(cls.assigns)
    return classes
