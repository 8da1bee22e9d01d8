"""Command line: `docgen build PATH... [--lang en,fr] [--out DIR] [--paper a4|letter]`."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import __version__, process
from docgen.diagnostics import LetterError, OutputError, UsageError
from docgen.writers import ENGINES, TAGGING

if TYPE_CHECKING:  # the batch module is imported only by the commands that build
    from docgen.batch import Options, Result
    from docgen.diagnostics import Problem


def letters(paths: list[str]) -> list[Path]:
    """Letters named on the command line; a directory stands for the letters below it."""
    from docgen import batch

    return [s.path for s in batch.sources(paths)]


def options(args: argparse.Namespace, langs: str | None = None, out: str | None = None) -> Options:
    from docgen import batch

    return batch.Options(
        Path(out or args.out),
        tuple(x.strip() for x in langs.split(",") if x.strip()) if langs else None,
        getattr(args, "paper", "a4"),
        getattr(args, "allow_incomplete", False),
        getattr(args, "format", ("pdf",)),
        getattr(args, "engine", None),
        getattr(args, "force", False),
        getattr(args, "tagged", False),
    )


def cmd_build(args: argparse.Namespace) -> int:
    from docgen import batch

    if args.tagged and args.engine not in (None, TAGGING):
        raise UsageError(f"--tagged needs the {TAGGING} engine (drop --engine {args.engine})")
    if args.out == "-" or "-" in args.paths:
        return build_piped(args)
    todo = batch_select(args)
    start = time.perf_counter()
    with Progress(len(todo)) as progress:
        results = batch.run(todo, options(args, args.lang), args.jobs, progress.report)
    for removed in batch.prune(Path(args.out), todo):
        CONSOLE.say(f"removed {removed} (its letter was deleted)", verbose=True)
    return summarize(results, time.perf_counter() - start)


def build_piped(args: argparse.Namespace) -> int:
    """`docgen build - --lang fr --out - < letter.yaml > letter.pdf`: a letter from standard input
    or a file, one document to standard output or --out; messages name the letter `<stdin>`."""
    import tempfile
    from dataclasses import replace

    from docgen import batch
    from docgen.diagnostics import INTERNAL, OK, PROBLEMS

    langs = options(args, args.lang).langs
    if len(args.paths) != 1 or (args.out == "-" and (not langs or len(langs) != 1 or len(args.format) != 1)):
        raise UsageError("with '-', name one letter; to write to standard output, one --lang and one --format")
    with tempfile.TemporaryDirectory(prefix="docgen-") as tmp:
        path = Path(args.paths[0])
        if args.paths[0] == "-":
            path = Path(tmp) / "stdin.yaml"
            path.write_bytes(sys.stdin.buffer.read())
        out = Path(tmp) / "out" if args.out == "-" else Path(args.out)
        result = batch.build_one(batch.Source(path, path.stem), options(args, args.lang, str(out)))
        if result.status == "failed":
            message = result.message.replace(str(path), "<stdin>") if args.paths[0] == "-" else result.message
            problems = (
                [replace(p, file="<stdin>") for p in result.problems] if args.paths[0] == "-" else result.problems
            )
            CONSOLE.problems(problems, message, str(path))
            return INTERNAL if result.internal else PROBLEMS
        if args.out == "-":
            sys.stdout.buffer.write(Path(result.outputs[0]).read_bytes())
            sys.stdout.flush()
        else:
            for output in result.outputs:
                CONSOLE.say(f"built {output} ({result.seconds:.2f} s)")
    return OK


class Console:
    """How docgen talks: -q (problems only) or -v, colour on a terminal, diagnostics as text,
    JSON (one array on standard output) or GitHub Actions annotations."""

    def __init__(self, quiet: bool = False, verbose: bool = False, diagnostics: str = "text", debug: bool = False):

        self.quiet = quiet or diagnostics == "json"  # standard output holds only the JSON
        self.verbose = verbose and not self.quiet
        self.format = diagnostics
        self.debug = debug
        self.collected: list[dict[str, object]] = []

    def say(self, text: str, verbose: bool = False) -> None:
        """Progress and summaries (standard output)."""
        if not self.quiet and (self.verbose or not verbose):
            print(text, flush=True)

    def warn(self, text: str, stream: object = None) -> None:
        """A message for a person (standard error unless told), coloured on a terminal."""
        from docgen.diagnostics import colour_wanted, colourize

        stream = stream or sys.stderr
        print(colourize(text) if colour_wanted(stream) else text, file=stream, flush=True)

    def problems(
        self, problems: list[Problem], text: str | None = None, source: str = "", stream: object = None
    ) -> None:
        """Problems as the chosen format shows them: text (standard error unless told), one JSON
        array at the end, or GitHub annotations besides the text."""
        from docgen import diagnostics

        if self.format == "json":
            self.collected += [diagnostics.as_json(p) for p in problems] or [
                {"file": source, "line": None, "column": None, "severity": "error", "message": text}
            ]
            return
        self.warn(text if text is not None else "\n".join(map(str, problems)), stream)
        if self.format == "github":
            for p in problems or [diagnostics.Problem(source, 1, 1, str(text).splitlines()[0])]:
                print(diagnostics.github(p), flush=True)

    def close(self) -> None:
        if self.format == "json":
            import json

            print(json.dumps(self.collected, indent=1, ensure_ascii=False))


CONSOLE = Console()


class Progress:
    """A progress bar on a terminal; one plain line per letter otherwise (CI logs)."""

    def __init__(self, total: int):
        self.bar = None
        if sys.stderr.isatty() and total > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="letter", file=sys.stderr, leave=False)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def report(self, r: Result) -> None:
        if self.bar is not None:
            self.bar.update(1)
            return
        if r.status == "built":
            CONSOLE.say(f"building {r.source}: {r.reason}", verbose=True)
            for path in r.outputs:
                CONSOLE.say(f"built {path} ({r.seconds:.2f} s)")
        elif r.status == "skipped":
            CONSOLE.say(f"up to date {r.source}", verbose=True)
        else:
            CONSOLE.say(f"FAILED {r.source}")


def summarize(results: list[Result], seconds: float) -> int:
    """The closing summary; failures last, with their messages. Exit status 1 if a letter
    failed, 3 if docgen did (an internal error, in one line unless --debug)."""
    from docgen.diagnostics import INTERNAL, OK, PROBLEMS

    built = [r for r in results if r.status == "built"]
    failed = [r for r in results if r.status == "failed"]
    documents = sum(len(r.outputs) for r in built)
    per = f", {sum(r.seconds for r in built) / documents:.2f} s per document" if documents else ""
    CONSOLE.say(
        f"{documents} document(s) built, {sum(r.status == 'skipped' for r in results)} letter(s) up to date, "
        f"{len(failed)} failed in {seconds:.2f} s{per}"
    )
    for r in failed:
        CONSOLE.problems(r.problems, internal_error(r.message) if r.internal else r.message, r.source)
    if failed and CONSOLE.format != "json":
        CONSOLE.warn(f"{len(failed)} letter(s) failed: " + ", ".join(r.source for r in failed))
    return INTERNAL if any(r.internal for r in failed) else PROBLEMS if failed else OK


def internal_error(message: str) -> str:
    """An internal error's first line, and its traceback only with --debug."""
    if CONSOLE.debug:
        return message
    return message.splitlines()[0] + " (run with --debug for details)"


def jobs(text: str) -> int:
    limit = max(32, 4 * (os.cpu_count() or 1))
    if not text.isdigit() or not 1 <= int(text) <= limit:
        raise argparse.ArgumentTypeError(f"give a number of worker processes from 1 to {limit}")
    return int(text)


def formats(text: str) -> tuple[str, ...]:
    from docgen.writers import FORMATS

    chosen = tuple(dict.fromkeys(x.strip() for x in text.split(",") if x.strip()))
    unknown = [x for x in chosen if x not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or repr(text)}: choose from {', '.join(FORMATS)} (comma-separated)"
        )
    return chosen


def shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError("write K/N with 1 <= K <= N, e.g. 2/4")
    return int(k), int(n)


def cmd_new(args: argparse.Namespace) -> int:
    """A new letter from flags, asking for what is missing when run on a terminal; each answer is
    checked as it is given, and asked again when it is wrong."""
    from docgen import scaffold
    from docgen.diagnostics import PROBLEMS, USAGE

    path = Path(args.path)
    exists = f"docgen new: error: {path} exists already (choose another name: docgen new never replaces a file)"
    if path.exists() or path.is_symlink():  # before the questions: no answers given for nothing
        print(exists, file=sys.stderr)
        return PROBLEMS
    values: dict[str, object] = {}
    for question in scaffold.questions():
        if not scaffold.asked(question, values):
            continue
        flag = getattr(args, question.name)
        try:
            values[question.name] = question.parse(flag) if flag is not None else _answer(question)
        except scaffold.Invalid as e:
            print(f"docgen new: error: --{question.name}: {e}", file=sys.stderr)
            return USAGE
        except _Unanswered as e:
            print(f"docgen new: error: {e}", file=sys.stderr)
            return USAGE
    answers = scaffold.Answers(**values, session=args.session)  # type: ignore[arg-type]
    if args.date:
        answers.date = args.date
    try:
        scaffold.create(answers, path)
    except FileExistsError:
        print(exists, file=sys.stderr)
        return PROBLEMS
    print(f"wrote {path}: a draft; fill in its texts, then: docgen build {path}")
    return 0


def _date(text: str) -> object:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (write it as YYYY-MM-DD, e.g. 2025-03-03)") from None


class _Unanswered(Exception):
    pass


def _answer(question: object) -> object:
    """The answer typed on a terminal, asked again until it is right; the default elsewhere."""
    from docgen import scaffold

    assert isinstance(question, scaffold.Question)
    if not sys.stdin.isatty():
        if question.default is not None:
            return question.parse(question.default)
        raise _Unanswered(f"{question.prompt.lower()}? (give it as a flag: --{question.name}; see docgen new --help)")
    while True:
        try:
            typed = input(f"{question.prompt}{f' [{question.default}]' if question.default else ''}: ").strip()
        except EOFError:
            raise _Unanswered(f"no answer to: {question.prompt.lower()}; nothing written") from None
        if not typed and question.default is None:
            print("  an answer is needed")
            continue
        try:
            return question.parse(typed or question.default)
        except scaffold.Invalid as e:
            print(f"  {e}")


def cmd_watch(args: argparse.Namespace) -> int:
    from docgen import batch

    todo = batch.plan(batch.sources(args.paths))
    opened: set[str] = set()
    CONSOLE.say(f"watching {len(todo)} letter(s) and docgen's templates and catalogs (Ctrl-C to stop)")

    def report(result: Result) -> None:
        stamp = time.strftime("%H:%M:%S")
        if result.status == "failed":
            CONSOLE.problems(result.problems, f"{stamp} {result.message}", result.source)
        elif result.status == "built":
            CONSOLE.say(f"{stamp} built " + ", ".join(result.outputs) + f" ({result.seconds:.2f} s)")
            if args.open and result.source not in opened and result.outputs:
                opened.add(result.source)  # once: the viewer reloads the file itself afterwards
                open_file(Path(result.outputs[0]))
        else:
            CONSOLE.say(f"{stamp} up to date {result.source}")

    stop = None
    if args.rounds is not None:  # tests: stop after that many rebuilds
        import threading

        stop, count = threading.Event(), [0]
        shown = report

        def report(result: Result) -> None:
            shown(result)
            count[0] += 1
            if count[0] > len(todo) + args.rounds - 1:
                stop.set()

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how one stops watching
        batch.watch(
            todo,
            options(args),
            report,
            ready=lambda: CONSOLE.say("ready", verbose=True),
            stop=stop,
            paths=args.paths,
        )
    return 0


def open_file(path: Path) -> None:
    """Open a PDF in the desktop's viewer (macOS: open, Windows: the file's program, else xdg-open)."""
    import shutil
    import subprocess

    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
        return
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    if shutil.which(opener) is None:
        CONSOLE.warn(f"warning: cannot open {path}: no {opener} on this machine")
        return
    subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cmd_publish(args: argparse.Namespace) -> int:
    from docgen import publish

    out = Path(args.out)
    if args.merge:
        count = publish.merge([Path(p) for p in args.paths], out, args.base_url)
        CONSOLE.say(f"merged {len(args.paths)} site(s), {count} document(s) into {out}")
        return 0
    todo = batch_select(args)
    start = time.perf_counter()
    with Progress(len(todo)) as progress:
        results = publish.publish(todo, out, options(args, out=args.build), args.jobs, progress.report, args.base_url)
    status = summarize(results, time.perf_counter() - start)
    CONSOLE.say(f"site: {out / 'index.html'}")
    return status


def batch_select(args: argparse.Namespace) -> list:
    from docgen import batch

    root = getattr(args, "root", None)
    return batch.select(batch.plan(batch.sources(args.paths, Path(root) if root else None)), args.shard)


def cmd_check(args: argparse.Namespace) -> int:
    """Validation errors, then missing and stale translations with a summary per language:
    warnings, or with --strict errors (exit status 1)."""
    from docgen import translation
    from docgen.load import load

    status = 0
    severity = "error" if args.strict else "warning"
    for path in letters(args.paths):
        try:
            letter = load(path)
        except LetterError as e:
            CONSOLE.problems(e.problems, str(e))
            status = 1
            continue
        for lang in letter.languages[1:]:
            if problems := translation.problems(letter, lang, severity):
                CONSOLE.problems(problems, stream=sys.stdout)
                status = 1 if args.strict else status
            CONSOLE.say(f"{path}: {translation.summary(letter, lang)}")
    return status


def cmd_export(args: argparse.Namespace) -> int:
    from docgen import translation
    from docgen.load import load
    from docgen.output import write_atomic

    target = Path(args.output) if args.output and args.output != "-" else None
    po = translation.export_po(load(args.letter), args.lang)
    if target is not None:
        write_atomic(target, po)  # refuses a symbolic link, a device or a folder (OutputError)
        print(f"wrote {target}")
    else:
        sys.stdout.buffer.write(po)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from docgen import translation
    from docgen.load import load

    changed, warnings = translation.import_po(load(args.letter), Path(args.po))
    if warnings:
        CONSOLE.problems(warnings)
    CONSOLE.say(f"{'updated' if changed else 'unchanged'}: {args.letter}")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    from docgen import translation
    from docgen.load import load

    count = translation.confirm(load(args.letter), args.lang, args.places or None)
    print(f"confirmed {count} {args.lang} translation(s) in {args.letter}")
    return 0


def global_options(defaults: bool) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name (`docgen build --debug ...`)."""
    g = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS  # a subcommand keeps what was given before it

    g.add_argument("--debug", action="store_true", default=default(False), help="show internal errors' tracebacks")
    g.add_argument("-q", "--quiet", action="store_true", default=default(False), help="print only problems")
    g.add_argument("-v", "--verbose", action="store_true", default=default(False), help="say more (up-to-date letters)")
    g.add_argument(
        "--diagnostics",
        choices=["text", "json", "github"],
        default=default("text"),
        help="problems as text, as one JSON array on standard output, or as GitHub Actions annotations",
    )
    return g


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line. Given `argv`, only the commands named in it get their options (argparse
    runs a command only by its exact name): a build does not build the parsers of the others."""
    ap = argparse.ArgumentParser(
        prog="docgen",
        description="Letters in the UN house style, from YAML to PDF.",
        parents=[global_options(True)],
        epilog="Exit status: 0 success, 1 problems in a letter, 2 usage, 3 internal error (docs/errors.md).",
    )
    ap.add_argument("--version", action="version", version=f"docgen {__version__}")
    common = global_options(False)
    sub = ap.add_subparsers(dest="command", required=True)
    named = None if argv is None else set(argv)
    for name, (text, fill) in COMMANDS.items():
        if named is None or name in named:
            fill(sub.add_parser(name, parents=[common], help=text), common)
        else:  # a name and a line of `docgen --help`: never parsed with
            sub.add_parser(name, help=text, add_help=False)
    return ap


def _build_options(b: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    b.add_argument("paths", nargs="+", metavar="PATH", help="letter files or directories of letters")
    b.add_argument("--lang", help="comma-separated languages to build (default: all of the letter's)")
    b.add_argument("--out", default="build", help="output directory (default: build/)")
    b.add_argument("--paper", choices=["a4", "letter"], default="a4")
    b.add_argument(
        "--format",
        type=formats,
        default=("pdf",),
        metavar="FORMAT[,FORMAT]",
        help="what to write, comma-separated (default: pdf)",
    )
    b.add_argument(
        "--engine", choices=ENGINES, help="the PDF layout engine (default: each language's own, from its language.yaml)"
    )
    b.add_argument("--root", help="name outputs by the letters' paths below this folder (default: as named)")
    b.add_argument(
        "--tagged",
        action="store_true",
        help=f"tagged, accessible PDFs (structure tree, /Lang, checked against PDF/UA-1): the {TAGGING} engine",
    )
    b.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="build translations with missing or stale texts, marked, as drafts",
    )
    b.add_argument("--jobs", "-j", type=jobs, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    b.add_argument("--shard", type=shard, metavar="K/N", help="build only shard K of N (for CI machines)")
    b.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    b.set_defaults(run=cmd_build)


def _new_options(n: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    n.add_argument("path", help="the letter to write, e.g. letters/my-letter.yaml")
    n.add_argument("--country", help="ISO 3166-1 code of the mission's country, e.g. PT")
    n.add_argument("--name", help="name of the signatory")
    n.add_argument("--gender", choices=["m", "f"])
    n.add_argument(
        "--role",
        choices=[
            "permanent-representative",
            "deputy-permanent-representative",
            "charge-d-affaires-ai",
            "permanent-observer",
        ],
    )
    n.add_argument(
        "--to",
        help="addressees, comma-separated: secretary-general, president-general-assembly, president-security-council",
    )
    n.add_argument("--organs", help="general-assembly, security-council or both (comma-separated)")
    n.add_argument("--session", type=int, help="General Assembly session (default: the one in progress)")
    n.add_argument("--items", help="General Assembly agenda items, comma-separated: 10,33 or '65 (c)'")
    n.add_argument(
        "--languages",
        help="comma-separated, the original first (default: every language docgen writes and lays out, English first)",
    )
    n.add_argument(
        "--date",
        type=_date,
        help="the letter's date, YYYY-MM-DD (default: today)",
    )
    n.set_defaults(run=cmd_new)


def _watch_options(w: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    w.add_argument("paths", nargs="+", metavar="PATH", help="letter files or directories of letters")
    w.add_argument("--out", default="build", help="output directory (default: build/)")
    w.add_argument("--paper", choices=["a4", "letter"], default="a4")
    w.add_argument("--allow-incomplete", action="store_true", help="build unfinished translations as drafts")
    w.add_argument("--open", action="store_true", help="open each letter's PDF in the desktop's viewer, once")
    w.add_argument("--rounds", type=int, help=argparse.SUPPRESS)  # stop after that many rebuilds (tests)
    w.set_defaults(run=cmd_watch)


def _publish_options(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="letters or directories (with --merge: shard sites)")
    p.add_argument("--out", default="site", help="site directory (default: site/)")
    p.add_argument("--build", default="build", help="where PDFs are built, incrementally (default: build/)")
    p.add_argument("--base-url", help="the site's address (https://...): absolute feed ids and links")
    p.add_argument("--jobs", "-j", type=jobs, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    p.add_argument("--shard", type=shard, metavar="K/N", help="publish only shard K of N")
    p.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    p.add_argument("--merge", action="store_true", help="merge the sites of several shards into --out")
    p.set_defaults(run=cmd_publish)


def _check_options(c: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument(
        "--strict", action="store_true", help="missing or stale translations are errors (exit 1), not warnings"
    )
    c.set_defaults(run=cmd_check)


def _translate_options(t: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    tsub = t.add_subparsers(dest="action", required=True)
    e = tsub.add_parser("export", parents=[common], help="write a PO file of a letter's texts in one language")
    e.add_argument("letter")
    e.add_argument("--lang", required=True)
    e.add_argument("--output", "-o", help="PO file to write (default, or -: standard output)")
    e.set_defaults(run=cmd_export)
    i = tsub.add_parser("import", parents=[common], help="merge a translated PO file back into the letter")
    i.add_argument("letter")
    i.add_argument("po", metavar="FILE")
    i.set_defaults(run=cmd_import)
    k = tsub.add_parser("confirm", parents=[common], help="record that translations match the current original texts")
    k.add_argument("letter")
    k.add_argument("--lang", required=True)
    k.add_argument(
        "--place",
        action="append",
        dest="places",
        metavar="PLACE",
        help="key path of a text to confirm, as check reports it; repeatable (default: all)",
    )
    k.set_defaults(run=cmd_confirm)


Fill = Callable[[argparse.ArgumentParser, argparse.ArgumentParser], None]  # (the command, the common options)
COMMANDS: dict[str, tuple[str, Fill]] = {  # in the order `docgen --help` lists them
    "build": ("build letters into PDFs", _build_options),
    "new": ("write a new letter that builds at once (asks what flags do not say)", _new_options),
    "watch": ("rebuild letters each time one is saved (draft beside a PDF viewer)", _watch_options),
    "publish": ("build letters into a static site with a manifest and an Atom feed", _publish_options),
    "check": ("report invalid letters and missing or stale translations", _check_options),
    "translate": ("work on translations with translators' tools (gettext PO)", _translate_options),
}


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that files being written are cleaned up."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def entry() -> int:
    """The `docgen` command (its console script, `python -m docgen`): main() in a process of its own."""
    process.start()
    try:
        return main()
    finally:
        process.exiting()


def main(argv: list[str] | None = None) -> int:
    from docgen.diagnostics import INTERNAL, PROBLEMS, USAGE

    global CONSOLE
    argv = sys.argv[1:] if argv is None else argv
    args = parser(argv).parse_args(argv)
    CONSOLE = Console(args.quiet, args.verbose, args.diagnostics, args.debug)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.run(args)
    except LetterError as e:
        CONSOLE.problems(e.problems, str(e))
        return PROBLEMS
    except OutputError as e:
        CONSOLE.problems([], f"docgen: error: {e}")
        return PROBLEMS
    except UsageError as e:
        CONSOLE.warn("\n".join(f"docgen: error: {line}" for line in str(e).splitlines()))
        return USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("terminated", file=sys.stderr)
        return 143
    except Exception as e:  # an internal error: one line, unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"docgen: internal error: {type(e).__name__}: {e} (run with --debug for details)", file=sys.stderr)
        return INTERNAL
    finally:
        CONSOLE.close()
