"""Cluster: group articles into stories as they arrive, in publication order."""
