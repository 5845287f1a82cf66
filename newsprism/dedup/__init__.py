"""Dedup: which articles are copies of one article (re-publication, wire copy, dump of a clean page)."""
