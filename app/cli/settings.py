"""`scoqa settings`: every tunable with its value and where the value came from."""

from __future__ import annotations

import json

import click

from app.cli.options import index_options
from ingest.settings import Settings
from ingest.tunables import SETTINGS


@click.command("settings")
@index_options
@click.option("--json", "as_json", is_flag=True, help="Print as a JSON list.")
def settings_command(settings: Settings, as_json: bool) -> None:
    """List the tunables: value, source (default, scoqa.toml, env or cli), default and why.

    Set one with `--setting NAME VALUE` on any command, `SCOQA_<NAME>` in the environment,
    or a `[settings]` table in ./scoqa.toml (or the file SCOQA_CONFIG names).
    """
    tunables = settings.tunables
    rows = [
        {
            "name": s.name,
            "value": tunables[s.name],
            "source": tunables.sources[s.name],
            "default": s.default,
            "type": type(s.default).__name__,
            "group": s.group,
            "env": s.env_var,
            "help": s.help,
        }
        for s in SETTINGS
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    group = None
    for row in rows:
        if row["group"] != group:
            group = row["group"]
            click.secho(f"\n[{group}]", bold=True)
        changed = "" if row["source"] == "default" else f"  (default {row['default']})"
        click.echo(f"  {row['name']:<28} {row['value']!s:<8} {row['source']:<10}{changed}")
        click.echo(f"      {row['help']}")
