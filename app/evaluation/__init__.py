"""Batch evaluation (`scoqa eval`): question files, metrics, runs and reports.

Submodules stay import-light; the engine and plotting libraries load only inside a run.
"""
