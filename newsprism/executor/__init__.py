"""Executors run a pipeline's stages; they own ordering, parallelism and resumption."""

from newsprism.executor.local import LocalExecutor

__all__ = ["LocalExecutor"]
