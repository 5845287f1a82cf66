"""The ingest stage: a named source → its bytes, kept in the store."""

from __future__ import annotations

from newsprism.ingest.files import read_input
from newsprism.stage import Stage
from newsprism.types import RawInput


class IngestStage(Stage):
    name = "ingest"
    assigns = ("raw",)

    def process(self, item: str | RawInput) -> RawInput:
        raw = item if isinstance(item, RawInput) else read_input(item)
        self.ctx.store.put_input(raw, run_id=self.ctx.run_id)
        return raw
