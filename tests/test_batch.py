"""Batch builds: many letters at once, incremental rebuilds, shards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, bilingual_sample, copies
from docgen import batch


def docgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    for name in ("a", "b", "c"):
        bilingual_sample(Path(folder / f"{name}.yaml"))
    (folder / "broken.yaml").write_text("docgen: 1\noriginal: en\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def first_run(letters, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return out, docgen("build", str(letters), "--out", str(out), "--jobs", "2")


def test_many_letters_with_workers_and_a_failure_that_stops_nothing(first_run, letters):
    out, run = first_run
    assert run.returncode == 1
    for name in ("a", "b", "c"):
        assert sorted(p.name for p in (out / name).glob("*.pdf")) == ["en.pdf", "fr.pdf"]
    lines = run.stdout.splitlines()
    assert sum(line.startswith("built ") for line in lines) == 6  # one plain line per document (not a tty)
    assert lines[-1].startswith("6 document(s) built, 0 letter(s) up to date, 1 failed in ")
    assert "s per document" in lines[-1]
    assert run.stderr.splitlines()[-1] == f"1 letter(s) failed: {letters / 'broken.yaml'}"
    assert "missing required key 'date'" in run.stderr


def test_a_no_op_rebuild_rewrites_nothing(first_run, letters):
    out, _ = first_run
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    run = docgen("build", str(letters), "--out", str(out), "--jobs", "2")
    assert run.stdout.splitlines()[-1].startswith("0 document(s) built, 3 letter(s) up to date, 1 failed")
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == before


def test_only_what_an_edit_affects_is_rebuilt(tmp_path, monkeypatch):
    letter = tmp_path / "letter.yaml"
    bilingual_sample(Path(letter))
    source = batch.Source(letter, "letter")
    out = tmp_path / "out"
    options = batch.Options(out)
    assert [r.status for r in batch.run([source], options, 1)] == ["built"]
    assert batch.stale_languages(source, options) == []
    stamp = json.loads((out / "letter" / batch.STAMP).read_text())
    french_only = [p for p in stamp["documents"]["fr"]["deps"] if p.endswith("fr/signature.md.j2")]
    assert french_only and not [p for p in stamp["documents"]["en"]["deps"] if p.endswith("fr/signature.md.j2")]
    depfile = (out / "letter" / batch.DEPFILE).read_text()
    assert "templates/letter.md.j2" in depfile and "locales/fr/LC_MESSAGES/docgen.po" in depfile

    # a French-only template changes (its bytes, and so its time): only the French PDF is rebuilt
    changed = lambda path: path.endswith("fr/signature.md.j2")  # noqa: E731
    monkeypatch.setattr(batch, "digest", lambda path, real=batch.digest: "changed" if changed(path) else real(path))
    monkeypatch.setattr(batch, "stat_of", lambda path, real=batch.stat_of: (0, 0, 0) if changed(path) else real(path))
    assert batch.stale_languages(source, options) == ["fr"]
    en_before = (out / "letter" / "en.pdf").stat().st_mtime_ns
    (result,) = batch.run([source], options, 1)
    assert result.outputs == [str(out / "letter" / "fr.pdf")]
    assert (out / "letter" / "en.pdf").stat().st_mtime_ns == en_before


def test_a_changed_source_or_option_rebuilds_everything(tmp_path):
    letter = tmp_path / "letter.yaml"
    bilingual_sample(Path(letter))
    source = batch.Source(letter, "letter")
    out = tmp_path / "out"
    batch.run([source], batch.Options(out), 1)
    assert batch.stale_languages(source, batch.Options(out, paper="letter")) is None
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("issued: 2010-07-23", "issued: 2010-07-24"), encoding="utf-8"
    )
    batch.digest.cache_clear()
    assert batch.stale_languages(source, batch.Options(out)) is None


def test_shards_split_a_set_deterministically():
    letters = [batch.Source(ROOT / "letters" / f"{i:03d}.yaml", f"{i:03d}") for i in range(60)]
    shards = [batch.select(letters, (k, 3)) for k in (1, 2, 3)]
    assert sorted(p.name for s in shards for p in s) == sorted(p.name for p in letters)
    assert all(shards) and sum(len(s) for s in shards) == len(letters)
    assert batch.select(letters, (2, 3)) == shards[1]  # the same every time
    assert batch.select(letters[:30], (2, 3)) == [p for p in shards[1] if p in letters[:30]]  # stable


def test_shard_option_is_checked():
    run = docgen("build", str(SAMPLE), "--shard", "4/3")
    assert run.returncode == 2 and "write K/N with 1 <= K <= N" in run.stderr


def test_watch_rebuilds_on_each_save(tmp_path):
    letter = tmp_path / "letter.yaml"
    bilingual_sample(Path(letter))
    proc = subprocess.Popen(
        [sys.executable, "-m", "docgen", "watch", str(letter), "--out", str(tmp_path / "out"), "--rounds", "1", "-v"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    pdf = tmp_path / "out" / "letter" / "fr.pdf"
    import time

    for _ in range(100):  # the first build
        if pdf.exists():
            break
        time.sleep(0.1)
    first = pdf.read_bytes()
    time.sleep(1)  # watching has begun
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("issued: 2010-07-23", "issued: 2010-07-26"), encoding="utf-8"
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.count(" built ") == 2, out + err  # the first build and the one after the save
    from io import BytesIO

    from pypdf import PdfReader

    def masthead(data: bytes) -> str:
        return PdfReader(BytesIO(data)).pages[0].extract_text()

    assert "23 juillet 2010" in masthead(first)
    assert "26 juillet 2010" in masthead(pdf.read_bytes())


@pytest.fixture
def built(tmp_path):
    """Two letters built once, English only (fast)."""
    for name in ("a", "b"):
        bilingual_sample(Path(tmp_path / f"{name}.yaml"))
    out = tmp_path / "out"
    run = docgen("build", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--out", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    return tmp_path, out


def rebuild(tmp_path, out, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    args = ["build", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--out", str(out), "--lang", "en", *extra]
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("stamp", ["[]", '{"documents": 5}', '{"documents": {"en": {"path": "../x"}}}', "null", "{"])
def test_a_stamp_of_another_shape_rebuilds_only_its_letter(built, stamp):
    tmp_path, out = built
    (out / "a" / batch.STAMP).write_text(stamp)
    run = rebuild(tmp_path, out)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1].startswith("1 document(s) built, 1 letter(s) up to date, 0 failed")
    assert f"built {out / 'a' / 'en.pdf'}" in run.stdout


def test_a_pdf_overwritten_with_garbage_of_the_same_size_is_rebuilt(built):
    tmp_path, out = built
    pdf = out / "b" / "en.pdf"
    good = pdf.read_bytes()
    pdf.write_bytes(b"\0" * len(good))
    run = rebuild(tmp_path, out)
    assert run.stdout.splitlines()[-1].startswith("1 document(s) built, 1 letter(s) up to date")
    assert pdf.read_bytes() == good


def test_source_date_epoch_and_library_versions_are_part_of_up_to_date(built, monkeypatch):
    tmp_path, out = built
    run = rebuild(tmp_path, out, env={"SOURCE_DATE_EPOCH": "1280000000"})
    assert run.stdout.splitlines()[-1].startswith("2 document(s) built, 0 letter(s) up to date")
    from pypdf import PdfReader

    assert PdfReader(out / "a" / "en.pdf").metadata["/CreationDate"].startswith("D:20100724")
    source = batch.Source(tmp_path / "a.yaml", "a")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1280000000")
    assert batch.up_to_date(source, batch.Options(out, ("en",)))
    now = batch.library_versions()
    assert set(batch.LIBRARIES) <= set(now) and now["reportlab"] and now["markdown-it-py"]
    monkeypatch.setattr(batch, "library_versions", lambda: {**now, "reportlab": "0.0"})
    assert batch.stale_languages(source, batch.Options(out, ("en",))) is None


def test_force_rebuilds_what_is_up_to_date_and_v_says_why(built):
    tmp_path, out = built
    run = rebuild(tmp_path, out, "--force", "-v")
    assert run.stdout.splitlines()[-1].startswith("2 document(s) built")
    assert f"building {tmp_path / 'a.yaml'}: --force" in run.stdout.splitlines()
    (out / "b" / "en.pdf").write_bytes(b"garbage")
    run = rebuild(tmp_path, out, "-v")
    assert run.stdout.splitlines()[:2] == [
        f"up to date {tmp_path / 'a.yaml'}",
        f"building {tmp_path / 'b.yaml'}: en out of date",
    ]


def test_a_language_the_letter_does_not_have_is_an_error(built):
    tmp_path, out = built
    run = docgen("build", str(tmp_path / "a.yaml"), "--out", str(out), "--lang", "en,de")
    assert run.returncode == 1
    assert (
        f"{tmp_path / 'a.yaml'}:1:1: error: --lang de: the letter has no 'de' version (its languages are en, fr; "
        in (run.stderr)
    )
    assert run.stdout.splitlines()[-1].startswith("0 document(s) built, 0 letter(s) up to date, 1 failed")


def test_temporaries_of_killed_builds_are_cleaned_and_a_running_ones_kept(built):
    tmp_path, out = built
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = out / "a" / f".en.pdf.{dead.stdout.strip()}.abc123.tmp"
    alive = out / "a" / f".en.pdf.{os.getpid()}.def456.tmp"
    for f in (stale, alive):
        f.write_bytes(b"half a PDF")
    (out / "a" / "en.pdf").write_bytes(b"changed")  # so that the letter is built
    assert rebuild(tmp_path, out).returncode == 0
    assert not stale.exists() and alive.exists()


def test_deleted_letters_are_pruned_from_the_output(built):
    tmp_path, out = built
    (tmp_path / "b.yaml").unlink()
    run = docgen("build", str(tmp_path / "a.yaml"), "--out", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert not (out / "b").exists() and (out / "a" / "en.pdf").exists()


def test_watch_a_folder_rebuilds_the_saved_letter_and_opens_each_pdf_once(tmp_path):
    letters = copies(tmp_path / "letters", "a.yaml", "b.yaml")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    opener = bin_ / "xdg-open"  # stands for the desktop's PDF viewer
    opener.write_text(f'#!/bin/sh\necho "$1" >> {tmp_path / "opened"}\n')
    opener.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_}{os.pathsep}{os.environ['PATH']}"}
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "docgen", "watch", str(letters), "--out", str(out), "--open", "--rounds", "1", "-v"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    import time

    for _ in range(300):
        if (out / "b" / batch.STAMP).exists():
            break
        time.sleep(0.1)
    time.sleep(1)
    (letters / "a.yaml").write_text(
        (letters / "a.yaml").read_text(encoding="utf-8").replace("issued: 2010-07-23", "issued: 2010-07-26"),
        encoding="utf-8",
    )
    stdout, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    built = [line for line in stdout.splitlines() if " built " in line]
    assert len(built) == 3 and str(out / "a" / "en.pdf") in built[-1], stdout  # a, b, then a again
    time.sleep(0.2)
    assert (tmp_path / "opened").read_text().split() == [str(out / "a" / "en.pdf"), str(out / "b" / "en.pdf")]


def test_watch_a_folder_builds_a_letter_saved_into_it_later(tmp_path):
    letters = copies(tmp_path / "letters", "a.yaml")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "docgen", "watch", str(letters), "--out", str(out), "--rounds", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    import time

    for _ in range(300):  # the first build
        if (out / "a" / batch.STAMP).exists():
            break
        time.sleep(0.1)
    time.sleep(1)  # watching has begun
    copies(letters, "2024/new.yaml")  # a new letter, in a new sub-folder
    try:
        stdout, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, err = proc.communicate()
        pytest.fail(f"the new letter was not built within 90 s: {stdout}{err}")
    assert proc.returncode == 0, err
    built = [line for line in stdout.splitlines() if " built " in line]
    assert len(built) == 2 and str(out / "2024" / "new" / "en.pdf") in built[-1], stdout
    assert (out / "2024" / "new" / "en.pdf").read_bytes().startswith(b"%PDF")


def test_a_file_is_hashed_in_chunks_not_read_whole(tmp_path):
    import hashlib
    import tracemalloc

    big = tmp_path / "font.ttf"
    data = os.urandom(1 << 20) * 16  # 16 MB: fonts are megabytes
    big.write_bytes(data)
    expected = hashlib.sha256(data).hexdigest()
    del data
    tracemalloc.start()
    try:
        digest = batch.sha256(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest == expected
    assert peak < 2 << 20, f"hashing a 16 MB file took {peak / 2**20:.1f} MB"
    assert batch.sha256(tmp_path / "missing") == ""


# --- the no-op check trusts sizes and times, as make does, and hashes only what moved ---------


def reads_nothing(monkeypatch) -> None:
    """From here on a check that hashes any file fails the test: it must go by sizes and times."""
    batch.forget()

    def refuse(path):
        raise AssertionError(f"hashed {path}")

    monkeypatch.setattr(batch, "sha256", refuse)
    monkeypatch.setattr(batch, "digest", refuse)


def age(path: Path, seconds: int = 60) -> None:
    """Give a file a time well in the past (inputs newer than batch.RACY_NS are hashed anyway)."""
    t = path.stat().st_mtime_ns - seconds * 10**9
    os.utime(path, ns=(t, t))


def test_a_no_op_check_hashes_no_pdf_and_no_input(built, monkeypatch):
    tmp_path, out = built
    age(tmp_path / "a.yaml")
    assert rebuild(tmp_path, out).stdout.splitlines()[-1].startswith("0 document(s) built, 2 letter(s) up to date")
    stamp = json.loads((out / "a" / batch.STAMP).read_text())
    assert stamp["documents"]["en"]["files"]["pdf"]["mtime_ns"] == (out / "a" / "en.pdf").stat().st_mtime_ns
    assert stamp["stats"][os.path.relpath(tmp_path / "a.yaml", ROOT)][2] == stamp["source"]  # recorded now
    reads_nothing(monkeypatch)
    monkeypatch.chdir(ROOT)  # the stamp's paths are relative to where docgen ran
    assert batch.up_to_date(batch.Source(tmp_path / "a.yaml", "a"), batch.Options(out, ("en",)))


def test_a_pdf_rewritten_with_its_time_restored_but_another_size_is_rebuilt(built):
    tmp_path, out = built
    pdf = out / "b" / "en.pdf"
    good, st = pdf.read_bytes(), pdf.stat()
    pdf.write_bytes(good[:-100])  # truncated
    os.utime(pdf, ns=(st.st_atime_ns, st.st_mtime_ns))
    run = rebuild(tmp_path, out)
    assert run.stdout.splitlines()[-1].startswith("1 document(s) built, 1 letter(s) up to date")
    assert pdf.read_bytes() == good


def test_touched_but_unchanged_files_rebuild_nothing_and_their_new_times_are_recorded(built, monkeypatch):
    tmp_path, out = built
    pdf, letter = out / "a" / "en.pdf", tmp_path / "a.yaml"
    age(pdf, 30)
    age(letter, 30)
    before = pdf.read_bytes()
    run = rebuild(tmp_path, out)
    assert run.stdout.splitlines()[-1].startswith("0 document(s) built, 2 letter(s) up to date"), run.stdout
    assert pdf.read_bytes() == before
    stamp = json.loads((out / "a" / batch.STAMP).read_text())
    assert stamp["documents"]["en"]["files"]["pdf"]["mtime_ns"] == pdf.stat().st_mtime_ns
    assert stamp["stats"][os.path.relpath(letter, ROOT)][1] == letter.stat().st_mtime_ns
    reads_nothing(monkeypatch)
    monkeypatch.chdir(ROOT)
    assert batch.up_to_date(batch.Source(letter, "a"), batch.Options(out, ("en",)))


def test_an_edited_letter_of_the_same_size_and_time_moved_is_rebuilt(built):
    tmp_path, out = built
    letter = tmp_path / "a.yaml"
    age(letter)
    rebuild(tmp_path, out)  # its time is now recorded
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("issued: 2010-07-23", "issued: 2010-07-24"), encoding="utf-8")
    assert len(letter.read_bytes()) == len(text.encode())
    run = rebuild(tmp_path, out)
    assert run.stdout.splitlines()[-1].startswith("1 document(s) built, 1 letter(s) up to date"), run.stdout
    assert f"built {out / 'a' / 'en.pdf'}" in run.stdout


def test_a_stamp_older_than_sizes_and_times_is_checked_by_digests_and_upgraded(built, monkeypatch):
    tmp_path, out = built
    stamp_file = out / "b" / batch.STAMP
    stamp = json.loads(stamp_file.read_text())
    del stamp["stats"]
    for d in stamp["documents"].values():
        for f in d["files"].values():
            del f["mtime_ns"]
    stamp_file.write_text(json.dumps(stamp))
    for p in (tmp_path / "b.yaml", *(out / "b").glob("*.pdf")):
        age(p)
    run = rebuild(tmp_path, out)
    assert run.stdout.splitlines()[-1].startswith("0 document(s) built, 2 letter(s) up to date"), run.stdout
    upgraded = json.loads(stamp_file.read_text())
    assert upgraded["documents"]["en"]["files"]["pdf"]["mtime_ns"] == (out / "b" / "en.pdf").stat().st_mtime_ns
    assert all(len(e) == 3 for e in upgraded["stats"].values())
    reads_nothing(monkeypatch)
    monkeypatch.chdir(ROOT)
    assert batch.up_to_date(batch.Source(tmp_path / "b.yaml", "b"), batch.Options(out, ("en",)))


def test_workers_replaced_part_by_part_build_what_one_process_builds(tmp_path, monkeypatch):
    """Workers are replaced after batch.LETTERS_PER_WORKER letters (Typst's caches grow them):
    with one letter per worker, three letters take two sets of fresh workers and end as a build
    in one process does, byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1280000000")
    monkeypatch.setattr(batch, "LETTERS_PER_WORKER", 1)
    letters = copies(tmp_path / "letters", "a.yaml", "b.yaml", "c.yaml")
    found = batch.sources([letters])
    parts, one = batch.Options(tmp_path / "parts", ("en",)), batch.Options(tmp_path / "one", ("en",))
    assert sorted(r.status for r in batch.run(found, parts, 2)) == ["built"] * 3
    assert [r.status for r in batch.run(found, one, 1)] == ["built"] * 3
    for name in ("a", "b", "c"):
        assert (tmp_path / "parts" / name / "en.pdf").read_bytes() == (tmp_path / "one" / name / "en.pdf").read_bytes()
    assert all(r.status == "skipped" for r in batch.run(found, parts, 2))


def test_a_build_into_a_new_folder_hashes_only_what_moved_since_an_earlier_one(tmp_path):
    """The digests of docgen's inputs (code, templates, catalogs, fonts: the stamp's deps) are
    kept in the user's cache while each file's size and time stay those recorded: a build into
    a new output folder, which has no stamp, hashes only the letter and what it wrote; an input
    whose time moved is hashed again, and its stamp records its true digest."""
    import hashlib

    bilingual_sample(tmp_path / "a.yaml")
    cache = tmp_path / "cache"

    def hashed(out: str) -> list[str]:
        code = (
            "import hashlib, json, os; real = hashlib.file_digest; names = []\n"
            "hashlib.file_digest = lambda f, a: names.append(os.path.basename(f.name)) or real(f, a)\n"
            "from docgen import cli\n"
            f"assert cli.main(['build', {str(tmp_path / 'a.yaml')!r}, '--out', {str(tmp_path / out)!r}, "
            "'--lang', 'en', '-q']) == 0\n"
            "print(json.dumps(names))"
        )
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout.splitlines()[-1])

    assert "LiberationSerif-Regular.ttf" in hashed("out1")
    assert sorted(hashed("out2")) == ["a.yaml", "en.pdf"]
    table = cache / "docgen" / "inputs" / "digests.json"
    known = json.loads(table.read_text())
    font = next(p for p in known if p.endswith("LiberationSerif-Regular.ttf"))
    known[font][1] -= 1  # the file's time is not the recorded one, nor is its digest
    known[font][2] = "0" * 64
    table.write_text(json.dumps(known))
    assert sorted(hashed("out3")) == ["LiberationSerif-Regular.ttf", "a.yaml", "en.pdf"]
    stamp = json.loads((tmp_path / "out3" / "a" / batch.STAMP).read_text())
    deps = stamp["documents"]["en"]["deps"]
    recorded = next(v for p, v in deps.items() if p.endswith("LiberationSerif-Regular.ttf"))
    assert recorded == hashlib.sha256(Path(font).read_bytes()).hexdigest()
