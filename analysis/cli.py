"""The command line: ``python -m analysis COMMAND`` (also installed as ``analysis``).

Each task module that offers a command defines ``register(subparsers)``, which adds its
sub-parser and sets ``func`` (taking the parsed ``argparse.Namespace``, returning an exit code).
The modules are listed in ``COMMAND_MODULES``; a module is imported only when the command line is
built, so ``import analysis`` stays light.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

COMMAND_MODULES = [
    "analysis.summary",
    "analysis.report_cli",
    "analysis.annotate",
    "analysis.train_sentiment",
    "analysis.evaluate",
]


class CLIError(Exception):
    """An error the command line reports as one clear line and exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="A lab for analysing how news and official statements talk about European security.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (CLIError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
