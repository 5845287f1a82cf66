"""Report: the public JSON report (``newsprism/1``) and its renderings."""

from newsprism.report.json import FORMAT, build_report

__all__ = ["FORMAT", "build_report"]
