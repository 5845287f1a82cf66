"""newsprism benchmarks: ``python -m benchmarks [NAME]`` prints one table per benchmark."""
