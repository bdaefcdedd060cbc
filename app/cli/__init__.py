"""The `scoqa` command line: one module per command, shared options in `options`, the group in `main`."""

from app.cli.main import main

__all__ = ["main"]
