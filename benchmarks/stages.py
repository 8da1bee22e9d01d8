"""Where row a's time goes: the warm in-process build of the seed (load, then English and French)
split into the pipeline's stages, as CPU-time medians.

    python benchmarks/stages.py [--builds N] [--letter PATH] [--langs en,fr]

Each build runs the stages as `pipeline.render` does (translation check, compose, Markdown to
doctree, keep-with-next, reportlab writer), timing each; two untimed builds come first (fonts,
catalogs, templates). Medians of CPU time (`time.process_time`), which a shared machine moves
less than wall time. Compare two versions of the code by running it in each, alternately.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from docgen import compose, doctree, language, load, markup, pipeline, translation
from docgen import housestyle as hs

SEED = Path(__file__).resolve().parent.parent / "letters" / "portugal-2010-peacekeeping-seminar.yaml"
STAGES = ("load", "translation", "compose", "markup", "keep", "write")


def build(letter_path: Path, langs: list[str]) -> dict[str, float]:
    """One warm build, each stage's CPU seconds."""
    clock = time.process_time
    spent = dict.fromkeys(STAGES, 0.0)
    start = clock()
    letter = load.load(letter_path)
    spent["load"] = clock() - start
    for lang in langs:
        t0 = clock()
        if lang != letter.original:
            translation.problems_of(translation.entries(letter, lang), letter, lang)
        t1 = clock()
        resolved = language.resolve(lang)
        source = compose.compose(letter, resolved, {})
        t2 = clock()
        blocks = markup.parse(source, resolved, letter.smart_quotes)
        t3 = clock()
        doctree.keep_before(blocks, hs.KEPT_WITH_PREVIOUS)
        t4 = clock()
        pipeline.write(blocks, lang, pipeline.writer_for(lang), date=letter.date)
        t5 = clock()
        for stage, (a, b) in zip(STAGES[1:], ((t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)), strict=True):
            spent[stage] += b - a
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=30)
    parser.add_argument("--letter", type=Path, default=SEED)
    parser.add_argument("--langs", default="en,fr")
    args = parser.parse_args()
    langs = args.langs.split(",")
    for _ in range(2):
        build(args.letter, langs)
    runs = [build(args.letter, langs) for _ in range(args.builds)]
    medians = {stage: statistics.median(r[stage] for r in runs) * 1000 for stage in STAGES}
    total = statistics.median(sum(r.values()) for r in runs) * 1000
    print(" ".join(f"{stage} {ms:.1f}" for stage, ms in medians.items()) + f" total {total:.1f} ms")


if __name__ == "__main__":
    main()
