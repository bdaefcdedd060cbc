"""`python -m app.cli`: the same as the `scoqa` script."""

from app.cli.main import main

main()
