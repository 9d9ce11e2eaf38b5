"""Commands ``report``, ``report-batch`` and ``templates`` of ``python -m analysis``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis import config
from analysis._params import ParameterError, declared_parameters, list_templates, template_path, validate_parameters
from analysis.report import DEFAULT_TIMEOUT, grid, render_batch, render_report, write_index


def _report(args: argparse.Namespace) -> int:
    params = dict(args.param or [])
    from_cli = True
    if args.json_parameters:
        params = {**json.loads(args.json_parameters), **params}
        from_cli = not params  # values from JSON are typed already
    try:
        run = render_report(args.template, params, out_dir=args.out, name=args.name, timeout=args.timeout,
                            from_cli=from_cli, progress=not args.json_parameters)
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.no_index:
        index = write_index(Path(args.out or config.REPORTS_DIR))
        print(f"index: {index}")
    print(f"{run.status}: {run.html or run.notebook} ({run.seconds} s)")
    if run.error:
        print(f"error: {run.error}", file=sys.stderr)
    return 0 if run.status == "ok" else 1


def _batch(args: argparse.Namespace) -> int:
    fixed = dict(args.param or [])
    axes: dict[str, list] = {}
    for names, *values in args.grid or []:
        axes[names] = values
    runs = []
    for combo in grid(axes) if axes else [{}]:
        values = dict(fixed)
        for names, value in combo.items():
            keys = names.split(",")
            parts = value.split(",") if len(keys) > 1 else [value]
            if len(parts) != len(keys):
                print(f"error: grid value {value!r} needs {len(keys)} comma-separated parts for {names}",
                      file=sys.stderr)
                return 2
            values.update(zip(keys, parts))
        runs.append(values)
    try:
        path = template_path(args.template)
        typed = [validate_parameters(path, r, from_cli=True) for r in runs]
        results = render_batch(args.template, typed, out_dir=args.out, jobs=args.jobs, timeout=args.timeout)
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for run in results:
        line = f"{run.status:>7}  {run.template}/{run.run_name}  ({run.seconds} s)"
        print(line + (f"  {run.error}" if run.error else ""))
    print(f"index: {Path(args.out or config.REPORTS_DIR).resolve() / 'index.html'}")
    return 0 if all(r.status == "ok" for r in results) else 1


def _templates(args: argparse.Namespace) -> int:
    for name in list_templates():
        print(name)
        for param, spec in declared_parameters(template_path(name)).items():
            print(f"  {param}: {spec['type']} = {spec['default']}  {spec['help'] or ''}".rstrip())
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``report``, ``report-batch`` and ``templates`` commands."""
    p = subparsers.add_parser("report", help="render one report template to reports/<template>/<run>.html",
                              description="Render a report template (papermill) to .ipynb and .html.")
    p.add_argument("template", help=f"template name ({', '.join(list_templates()) or 'see notebooks/reports'}) or path")
    p.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="a parameter value (lists: a,b or a JSON list; dates: YYYY-MM-DD)")
    p.add_argument("--out", help="output folder (default: reports/)")
    p.add_argument("--name", help="run name (default: from the parameters)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds a cell may run")
    p.add_argument("--json-parameters", help=argparse.SUPPRESS)
    p.add_argument("--no-index", action="store_true", help="do not rewrite reports/index.html")
    p.set_defaults(func=_report)

    b = subparsers.add_parser("report-batch", help="render a grid of runs of one template in parallel",
                              description="Render every combination of the -g values in parallel processes, "
                              "then write reports/index.html. Example: report-batch target-brief "
                              "-g target NATO Ukraine OSCE -g start,end 2021-10-01,2022-02-23 2022-02-24,2022-07-31")
    b.add_argument("template")
    b.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"), help="same for every run")
    b.add_argument("-g", "--grid", nargs="+", action="append", metavar="NAME VALUE",
                   help="a grid axis: NAME then its values; NAME a,b pairs values 'x,y'")
    b.add_argument("--out", help="output folder (default: reports/)")
    b.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    b.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds a cell may run")
    b.set_defaults(func=_batch)

    t = subparsers.add_parser("templates", help="list report templates and their parameters")
    t.set_defaults(func=_templates)
