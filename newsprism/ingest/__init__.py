"""Ingest: turn what the user names (files, folders, stdin) into RawInput records."""

from newsprism.ingest.decode import Decoded, decode
from newsprism.ingest.files import iter_inputs

__all__ = ["Decoded", "decode", "iter_inputs"]
