"""Command line: `docgen build PATH... [--lang en,fr] [--out DIR] [--paper a4|letter]`."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from docgen import __version__
from docgen.diagnostics import LetterError

LETTER_SUFFIXES = (".yaml", ".yml")


def letters(paths: list[str]) -> list[Path]:
    """Letters named on the command line; a directory stands for the letters below it."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.suffix in LETTER_SUFFIXES and f.is_file())
        else:
            found.append(p)
    return found


def cmd_build(args: argparse.Namespace) -> int:
    from docgen.pipeline import build

    langs = [x.strip() for x in args.lang.split(",")] if args.lang else None
    failed = 0
    for path in letters(args.paths):
        try:
            for b in build(path, Path(args.out), langs, args.paper):
                print(f"built {b.path}")
        except LetterError as e:
            failed += 1
            print(e, file=sys.stderr)
    if failed:
        print(f"{failed} letter(s) failed", file=sys.stderr)
    return 1 if failed else 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="docgen",
                                 description="Letters in the UN house style, from YAML to PDF.")
    ap.add_argument("--version", action="version", version=f"docgen {__version__}")
    ap.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build letters into PDFs")
    b.add_argument("paths", nargs="+", metavar="PATH", help="letter files or directories of letters")
    b.add_argument("--lang", help="comma-separated languages to build (default: all of the letter's)")
    b.add_argument("--out", default="build", help="output directory (default: build/)")
    b.add_argument("--paper", choices=["a4", "letter"], default="a4")
    b.set_defaults(run=cmd_build)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # an internal error: one line, unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"docgen: internal error: {type(e).__name__}: {e} (run with --debug for details)",
                  file=sys.stderr)
        return 2
