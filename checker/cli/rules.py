"""`maca rules`: the rule catalogue, and `maca rules explain ID` for one rule in full."""

from __future__ import annotations

import sys

import click

from checker.cli.shell import _fail
from checker.engine.catalogue import load_catalogue
from checker.model.errors import RuleError
from checker.model.severity import SEVERITY_ORDER
from checker.model.wording import count

__all__ = ["rules"]


@click.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """List the rule catalogue (`maca rules explain ID` shows one rule in full)."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        catalogue = load_catalogue()
    except RuleError as exc:
        _fail(str(exc))
    click.echo(f"Rule set {catalogue.digest}: {count(len(catalogue.rules), 'rule')}")
    for rule in sorted(catalogue.rules, key=lambda r: (r.category, SEVERITY_ORDER[r.severity], r.id)):
        click.echo(f"  {rule.category:7} {rule.severity:6} {rule.id:38} {rule.title}")
    from checker.text.docs import unused_glossary_terms

    unused = unused_glossary_terms()
    if unused:
        click.echo(f"\nGlossary terms no event-kind pattern reads ({len(unused)} in rules/glossary.yaml; one meant to "
                   f"count towards a kind needs a pattern in rules/kinds.yaml): {', '.join(unused)}")


@rules.command("explain")
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print one rule in full: why, parameters with their basis and source, message, examples."""
    from checker.engine.explain import explain_rule

    try:
        catalogue = load_catalogue()
        rule = catalogue.get(rule_id)
    except RuleError as exc:
        _fail(str(exc))
    except KeyError:
        _fail(f"no rule '{rule_id}'; `maca rules` lists them", code=2)
    from checker.examples import run_examples

    ran = run_examples(rule, catalogue)
    example = next(((ran.names[c], ran.messages[c]) for c in sorted(ran.messages)), None)
    from checker.cli.report import echo_wrapped

    for line in explain_rule(rule, example).splitlines():
        echo_wrapped(line, sys.stdout)


from checker.cli.practice import accuracy, try_command  # noqa: E402 - the group above must exist first

rules.add_command(accuracy)
rules.add_command(try_command)
