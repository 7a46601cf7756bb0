"""Benchmarks: figures as ratios against baselines measured in the same run (see bench/run.py)."""
