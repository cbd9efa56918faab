"""The `byline` command. Each subcommand is a thin wrapper over a plain function.

Exit status: 0 success, 1 bad input (every problem printed), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys

from byline import __version__
from byline.problems import BylineInputError


def cmd_validate(args: argparse.Namespace) -> int:
    from byline.validate import validate_paths

    problems = validate_paths(args.paths, gold_dir=args.gold)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"valid: {', '.join(args.paths)}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from byline.anchors import resolve_draft
    from byline.io import read_json, read_text, write_json

    draft = read_json(args.draft)
    annotation, problems = resolve_draft(draft, read_text(args.text), path=args.draft)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    write_json(args.output, annotation)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="byline", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a corpus folder, article files or a submission")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="corpus folder, article .json, or submission .jsonl ('-' for stdin)")
    p.add_argument("--gold", metavar="DIR", help="corpus that a submission refers to (default: bundled)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("resolve", help="authoring aid: turn a draft's anchor spans into offsets")
    p.add_argument("draft", help="draft annotation whose spans are anchor strings (see byline/anchors.py)")
    p.add_argument("--text", required=True, help="the article's raw text file")
    p.add_argument("-o", "--output", default="-", help="where to write the annotation (default stdout)")
    p.set_defaults(func=cmd_resolve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BylineInputError as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
