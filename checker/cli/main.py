"""`maca`: the command line, a thin shell over `checker`: the group, and one line registering each command
(each in its own module under `checker/cli/`).

Exit codes, the same for every command: 0 the command ran (whatever it found); 1 nothing usable could be
read, or `--fail-on` was met; 2 a usage error (including an output path that cannot be written, checked
before any work); 3 an internal error (`checker.cli.guard`: a message with an error id, never a traceback).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from checker import __version__
from checker.cli.guard import internal_error
from checker.model.logfile import configure_logging
from checker.model.private import sharing

__all__ = ["main"]


class _Guarded(click.Group):
    """The one top-level handler: an unexpected exception in any command becomes `internal_error`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (`maca check … | head`): not a fault of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the point of this handler
            internal_error(exc, ctx.invoked_subcommand or "maca")


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="maca")
@click.option("--share", is_flag=True, help="Write exports (JSON, CSV, XLSX, feedback) readable as the umask "
              "allows, for sharing through folder permissions. Default (and without $MACA_SHARE_EXPORTS=1): "
              "owner-only (0600), as they hold case details.")
@click.pass_context
def main(ctx: click.Context, share: bool) -> None:
    """Multi-agency case audit checker: load an audit bundle, find gaps and risks, rate submissions."""
    configure_logging()  # once per process: a private file, never record text (checker.model.logfile)
    if share:
        ctx.with_resource(sharing(True))


from checker.cli.validate import validate  # noqa: E402

main.add_command(validate)

from checker.cli.check import check  # noqa: E402

main.add_command(check)

from checker.cli.show import show  # noqa: E402

main.add_command(show)

from checker.cli.schema import schema  # noqa: E402

main.add_command(schema)

from checker.cli.rules import rules  # noqa: E402

main.add_command(rules)

from checker.cli.dashboard import dashboard  # noqa: E402

main.add_command(dashboard)

from checker.cli.purge import purge  # noqa: E402

main.add_command(purge)

from checker.cli.referrals import referrals as referrals_command  # noqa: E402

main.add_command(referrals_command)

from checker.cli.quality import quality as quality_command  # noqa: E402

main.add_command(quality_command)

from checker.cli.briefing import briefing as briefing_command  # noqa: E402

main.add_command(briefing_command)

from checker.cli.decisions import decisions as decisions_command  # noqa: E402

main.add_command(decisions_command)

from checker.cli.findings import findings as findings_command  # noqa: E402

main.add_command(findings_command)

from checker.cli.templates import COMMANDS as template_commands  # noqa: E402

for _command in template_commands:
    main.add_command(_command)

from checker.cli.generate import generate as generate_command  # noqa: E402

main.add_command(generate_command)

from checker.cli.practice import labels as labels_command  # noqa: E402

main.add_command(labels_command)

from checker.cli.evaluate import evaluate as evaluate_command  # noqa: E402
from checker.cli.evaluate import explain_text_command  # noqa: E402

main.add_command(evaluate_command)
main.add_command(explain_text_command)

from checker.cli.explain import explain as explain_command  # noqa: E402

main.add_command(explain_command)

from checker.cli.new import new as new_command  # noqa: E402

main.add_command(new_command)


if __name__ == "__main__":  # pragma: no cover
    main()
