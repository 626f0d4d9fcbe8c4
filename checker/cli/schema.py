"""`maca schema`: the JSON Schema of audit.yaml and of an audit return."""

from __future__ import annotations

import json
from typing import Any

import click

__all__ = ["schema"]


@click.command()
@click.option("--kind", type=click.Choice(["manifest", "return", "all"]), default="all", show_default=True)
def schema(kind: str) -> None:
    """Print the JSON Schema of audit.yaml and of an audit return, generated from the models."""
    from checker.model.audit import AuditReturn, Manifest

    schemas: dict[str, Any] = {}
    if kind in ("manifest", "all"):
        schemas["manifest"] = Manifest.model_json_schema()
    if kind in ("return", "all"):
        schemas["return"] = AuditReturn.model_json_schema()
    payload = schemas if kind == "all" else next(iter(schemas.values()))
    click.echo(json.dumps(payload, indent=2))
