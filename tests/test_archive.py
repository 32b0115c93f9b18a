"""`lintnews archive`: sweeps of JSONL/Parquet archives on Dask give the file CLI's findings.

The articles are made up (tests/archive_articles.py). Every sweep's output is compared,
row for row, with `lintnews --format json` run on the same texts written as files. Sweeps
run on a local cluster, and on a real `dask scheduler` with two `dask worker` processes
started here on 127.0.0.1; one of those workers is killed in the middle of a sweep. The
tests marked `slow` start clusters (a few seconds each); `pytest -m "not slow"` skips them.
"""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from archive_articles import articles
from conftest import REPO, run_cli
from output_helpers import text_without_summary
from lintnews.archive import cli as archive_cli
from lintnews.archive import lint, output
from lintnews.archive.lint import COLUMNS, PartitionResult, lint_partition, lint_row
from lintnews.archive.output import FindingsWriter
from lintnews.archive.rows import Columns, Partition, Row, make_row, partitions
from lintnews.archive.sweep import sweep
from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.hookspecs import hookimpl
from lintnews.plugins import load_plugins

ARTICLES = articles(300)
SUFFIX = {"text": ".txt", "markdown": ".md"}
slow = pytest.mark.slow

# A rule pack for the tests, installed on the workers too: it logs the articles it sees,
# and on request stalls on one article (until its worker is killed), slows every article
# down, raises, or ends its process.
PROBE = '''
import os
import time
from pathlib import Path

import lintnews
from lintnews.ruleset import Rule


class Probe(Rule):
    """A test probe that logs, stalls, slows down or raises on request.

    ## Why it matters
    The archive tests need a rule that misbehaves on cue.
    ## Example
    detonate
    ## Use instead
    anything else
    """

    code = "XN900"
    name = "probe"

    def check(self, doc):
        if "detonate" in doc.text:
            raise ValueError("the probe went off")
        if "crash this worker" in doc.text:
            os._exit(1)
        folder = os.environ.get("ARCHIVE_PROBE")
        if not folder:
            return ()
        folder = Path(folder)
        with open(folder / "seen.log", "a") as log:
            log.write(f"{os.getpid()} {doc.path}\\n")
        stall = folder / "stall-on"
        if stall.exists() and stall.read_text() == doc.path:
            try:
                with open(folder / "stalled", "x") as mark:
                    mark.write(str(os.getpid()))
            except FileExistsError:
                pass
            else:
                time.sleep(600)
        delay = folder / "delay"
        if delay.exists():
            time.sleep(float(delay.read_text()))
        return ()


@lintnews.hookimpl
def lintnews_rules():
    return [Probe]
'''


def install_probe(site: Path) -> None:
    """Install the probe pack into `site` (a folder for PYTHONPATH), with its entry point."""
    (site / "archive_probe").mkdir(parents=True)
    (site / "archive_probe" / "__init__.py").write_text(PROBE, encoding="utf-8")
    info = site / "archive_probe-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: archive-probe\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[lintnews]\narchive-probe = archive_probe\n", encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_stray_sigint_handler():
    """The archive CLI touches SIGINT while starting a local cluster; it must put it back."""
    before = signal.getsignal(signal.SIGINT)
    yield
    assert signal.getsignal(signal.SIGINT) is before


# ------------------------------------------------------------------------------ archives


def records(items, kinds=True):
    return [{"id": i, "text": t, **({"format": k} if kinds else {})} for i, t, k in items]


def write_jsonl(path: Path, items, kinds=True) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(items, kinds)).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def write_parquet(path: Path, items, kinds=True, row_group_size=64) -> Path:
    pq.write_table(pa.Table.from_pylist(records(items, kinds)), path, row_group_size=row_group_size)
    return path


def read_output(path: Path) -> list[tuple]:
    """The output's rows as tuples in COLUMNS order, the fix parsed from its JSON."""
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        assert table.column_names == list(COLUMNS)
        items = table.to_pylist()
    else:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert all(list(item) == list(COLUMNS) for item in items)
    return [tuple(json.loads(v) if k == "fix" and v is not None else v for k, v in item.items()) for item in items]


def cli_findings(folder: Path, items, *, kinds=True, args=(), cwd=None, env=None) -> list[tuple]:
    """What `lintnews --format json` finds in the same texts written as files `<id>.txt/.md`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for ident, text, kind in items:
        path = folder / (ident + (SUFFIX[kind] if kinds else ".txt"))
        path.write_bytes(text.encode("utf-8"))
        paths.append(str(path))
    proc = run_cli("--format", "json", *args, *paths, cwd=cwd, env=env)
    out, err = text_without_summary(proc)
    assert proc.returncode in (0, 1), err
    rows = []
    for item in json.loads(out):
        ident = Path(item.pop("path")).name.rsplit(".", 1)[0]
        rows.append((ident, *(item[k] for k in COLUMNS[1:])))
    return rows


def archive(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    return run_cli("archive", *args, cwd=cwd, env=env)


def codes(rows) -> set[str]:
    return {row[5] for row in rows}


# -------------------------------------------------------------------- rows and partitions


def test_jsonl_is_read_line_by_line_in_partitions(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"Story number {i}.\r\n"}) for i in range(7)]
    data = ("\n".join(lines[:3]) + "\n\n" + "\r\n".join(lines[3:]) + "\n").encode("utf-8")
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(data)
    zipped = tmp_path / "a.jsonl.gz"
    zipped.write_bytes(gzip.compress(data))
    for path in (plain, zipped):
        parts = list(partitions([path], Columns(), per_partition=3, max_text_bytes=10_000))
        assert [p.index for p in parts] == [0, 1, 2]
        assert [[r.id for r in p.rows] for p in parts] == [["r0", "r1", "r2"], ["r3", "r4", "r5"], ["r6"]]
        assert all(r.text.endswith("\r\n") and r.suffix == ".txt" and not r.errors for p in parts for r in p.rows)
        assert sum(p.input_bytes for p in parts) == path.stat().st_size
        assert sum(p.text_bytes for p in parts) == sum(len(f"Story number {i}.\r\n") for i in range(7))


def test_parquet_is_read_a_batch_at_a_time(tmp_path):
    items = ARTICLES[:50]
    path = write_parquet(tmp_path / "a.parquet", items, row_group_size=16)
    parts = list(partitions([path], Columns(format="format"), per_partition=20, max_text_bytes=10**6))
    assert [len(p.rows) for p in parts] == [20, 20, 10]
    assert [(r.id, r.text, r.suffix) for p in parts for r in p.rows] == [(i, t, SUFFIX[k]) for i, t, k in items]
    assert sum(p.input_bytes for p in parts) == path.stat().st_size


def test_reading_memory_follows_the_partition_not_the_file(tmp_path):
    path = tmp_path / "big.jsonl"
    texts = [t for _, t, _ in ARTICLES]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(12_000):
            fh.write(json.dumps({"id": i, "text": texts[i % len(texts)]}) + "\n")
    size = path.stat().st_size
    assert size > 8_000_000
    tracemalloc.start()
    try:
        count = sum(len(p.rows) for p in partitions([path], Columns(), per_partition=50, max_text_bytes=10**6))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 12_000
    assert peak < size / 20, f"peak {peak:,} bytes while reading a {size:,}-byte file"


def test_parquet_reading_memory_follows_the_row_group_not_the_file(tmp_path):
    texts = [t for _, t, _ in ARTICLES]
    table = pa.table({"id": [str(i) for i in range(16_000)], "text": [texts[i % len(texts)] for i in range(16_000)]})
    path = tmp_path / "big.parquet"
    pq.write_table(table, path, row_group_size=500, compression="none", use_dictionary=False)
    text_bytes = sum(len(t.encode("utf-8")) for t in table.column("text").to_pylist())
    assert text_bytes > 10_000_000
    # in a fresh process: Arrow's memory pool keeps its high-water mark for the process's life
    probe = ("import sys, pyarrow; from pathlib import Path; from lintnews.archive.rows import Columns, partitions; "
             "n = sum(len(p.rows) for p in partitions([Path(sys.argv[1])], Columns(), per_partition=100, "
             "max_text_bytes=10**6)); print(n, pyarrow.default_memory_pool().max_memory())")
    proc = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120)
    rows, arrow_peak = map(int, proc.stdout.split())
    assert rows == 16_000
    assert arrow_peak < text_bytes / 10, f"Arrow held {arrow_peak:,} bytes reading {text_bytes:,} bytes of text"


def test_a_truncated_gzip_archive_keeps_its_good_rows_and_reports_the_rest(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl.gz", ARTICLES[:200])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    rows = [r for p in partitions([path], Columns(), per_partition=50, max_text_bytes=10**6) for r in p.rows]
    good, last = rows[:-1], rows[-1]
    assert len(good) > 50 and [r.id for r in good] == [i for i, _, _ in ARTICLES[: len(good)]]
    assert all(r.text == t for r, (_, t, _) in zip(good, ARTICLES))
    assert last.text is None and last.id == f"{path}:{len(good) + 1}"
    assert last.errors[0].startswith(f"{path}:{len(good) + 1}: the rest of the file cannot be read: ")


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_an_enormous_line_is_one_error_row_read_in_bounded_memory_and_the_rest_are_linted(tmp_path, suffix):
    from lintnews.archive.rows import line_limit

    limit = line_limit(10_000)
    lines = [json.dumps({"id": "before", "text": "It was the the end."}),
             json.dumps({"id": "huge", "text": "word " * 1_000_000}),      # 5 MB on one line
             json.dumps({"id": "after", "text": "Fine copy."})]
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / f"a{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    tracemalloc.start()
    try:
        rows = [r for p in partitions([path], Columns(), per_partition=50, max_text_bytes=10_000) for r in p.rows]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(r.id, r.text) for r in rows] == [("before", "It was the the end."), (f"{path}:2", None),
                                              ("after", "Fine copy.")]
    assert rows[1].errors == (f"{path}:2: the line is over {limit:,} bytes, too long for a text of "
                              f"max-file-size (10,000); not read",)
    assert peak < 4 * 1024 * 1024              # (the 5 MB line was never held whole)


@pytest.mark.parametrize("ident, text, kind, expect_id, errors", [
    ("a", "Fine.", None, "a", []),
    (17, "Fine.", "markdown", "17", []),
    ("a", None, None, "a", ["f:3: 'text' is null"]),
    ("a", 42, None, "a", ["f:3: 'text' is a number, not a string"]),
    ("a", ["x"], None, "a", ["f:3: 'text' is a list, not a string"]),
    ("a", b"Caf\xe9", None, "a", ["f:3: 'text' is not valid UTF-8: byte offset 3 (e9)"]),
    ("a", "Caf\udce9", None, "a", ["f:3: 'text' is not valid UTF-8: byte e9 at character 3"]),
    ("a", "Caf\ud800", None, "a", ["f:3: 'text' is not valid UTF-8: lone surrogate U+D800 at character 3"]),
    ("a", "Bin\x00ary", None, "a", ["f:3: 'text' contains NUL characters; not an article"]),
    ("a", "x" * 101, None, "a",
     ["f:3: 'text' is 101 bytes, over the limit of 100 (set max-file-size to lint it)"]),
    ("a", "Fine.", "xml", "a", ["f:3: 'format' is 'xml', not one of text, markdown, html"]),
    (None, "Fine.", None, "f:3", ["f:3: 'id' is null; the row is named by its place"]),
    ("", "Fine.", None, "f:3", ["f:3: 'id' is empty; the row is named by its place"]),
    (True, "Fine.", None, "f:3", ["f:3: 'id' is a boolean, not a string or an integer; the row is named by "
                                  "its place"]),
])
def test_a_bad_value_makes_an_error_row(ident, text, kind, expect_id, errors):
    row, size = make_row(ident, text, kind, "f:3", Columns(format="format"), 100)
    assert (row.id, row.errors) == (expect_id, tuple(errors))
    lintable = isinstance(text, str) and text == "Fine."
    assert row.text == ("Fine." if lintable and kind != "xml" else None)
    assert size == (5 if row.text else 0)


# ----------------------------------------------------------------------------- the worker


def test_a_row_gets_the_loader_of_its_kind():
    seen = []

    class Recorder:
        @hookimpl
        def lintnews_load_document(self, path, text, options):
            seen.append(path)

    linter = Linter(plugins=load_plugins(extra=(Recorder(),)))
    rows: list[tuple] = []
    for row in (Row("a", "x.", ".txt"), Row("b", "x.", ".md"), Row("c", "x.", ".html")):
        lint_row(linter, row, rows)
    assert seen == ["a.txt", "b.md", "c.html"]


def test_each_worker_process_builds_its_linter_once(monkeypatch):
    built = []

    class CountingLinter(Linter):
        def __init__(self, config=None, **kwargs):
            built.append(config)
            super().__init__(config, **kwargs)

    monkeypatch.setattr(lint, "Linter", CountingLinter)
    monkeypatch.setattr(lint, "_linters", {})
    part = Partition(4, [Row(i, t, SUFFIX[k]) for i, t, k in ARTICLES[:20]])
    first = lint_partition(Config(ignore=("LN204",)), part)
    second = lint_partition(Config(ignore=("LN204",)), part)
    assert len(built) == 1
    assert isinstance(first, PartitionResult) and (first.index, first.articles) == (4, 20)
    assert first.rows == second.rows and first.rows and "LN204" not in codes(first.rows)
    lint_partition(Config(), part)
    assert len(built) == 2


# ----------------------------------------------------------------------------- the output


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_parts_are_keyed_by_partition_and_the_output_appears_only_at_the_end(tmp_path, suffix):
    out = tmp_path / f"findings{suffix}"
    out.write_text("an older output")
    row = ("a", 1, 2, 1, 5, "LN101", "repeated-word", "'x' is repeated", "warning",
           json.dumps({"applicability": "safe", "message": "", "edits": []}))
    writer = FindingsWriter(out)
    writer.write_part(1, [row[:0] + ("b",) + row[1:]])
    writer.write_part(0, [row, row[:5] + ("LN000", "input-error", "bad", "error", None)])
    writer.write_part(1, [row[:0] + ("b",) + row[1:]])     # delivered twice: overwritten, not added
    assert out.read_text() == "an older output"
    writer.finish()
    assert [r[0] for r in read_output(out)] == ["a", "a", "b"]
    assert read_output(out)[1][5:] == ("LN000", "input-error", "bad", "error", None)
    assert sorted(os.listdir(tmp_path)) == [out.name]

    writer = FindingsWriter(out)
    writer.write_part(0, [row])
    writer.discard()
    assert sorted(os.listdir(tmp_path)) == [out.name] and len(read_output(out)) == 3


# ------------------------------------------------------------------ whole sweeps (clusters)


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    install_probe(site)
    return site


@slow
@pytest.mark.parametrize("source, target", [(".jsonl.gz", ".parquet"), (".parquet", ".jsonl")])
def test_rows_get_the_findings_their_texts_get_as_files(tmp_path, source, target):
    # the configuration found from the working directory, then a command-line option on top
    (tmp_path / "lintnews.toml").write_text('select = ["LN1", "LN2", "LN3", "LN5"]\nignore = ["LN204"]\n'
                                            '[rules.repeated-word]\nallow = ["the the"]\n')
    writer = write_parquet if source == ".parquet" else write_jsonl
    inputs = writer(tmp_path / f"news{source}", ARTICLES)
    expected = cli_findings(tmp_path / "files", ARTICLES, args=("--ignore", "LN203"), cwd=tmp_path)
    assert len(expected) > 150 and {"LN201", "LN204", "LN303", "LN503"} <= codes(expected)
    assert not {"LN101", "LN203"} & codes(expected) and not any(c.startswith("LN4") for c in codes(expected))
    out = tmp_path / f"findings{target}"
    proc = archive(str(inputs), "--output", str(out), "--format-column", "format", "--ignore", "LN203",
                   "--workers", "2", "--partition-rows", "40", "--report", "report.json", cwd=tmp_path)
    stdout, stderr = text_without_summary(proc)
    assert (proc.returncode, stderr) == (1, "")
    assert read_output(out) == expected
    report = json.loads((tmp_path / "report.json").read_text())
    assert (report["articles"], report["output_rows"], report["findings"]) == (300, len(expected), len(expected))
    assert {r["code"]: r["findings"] for r in report["rules"]} == {c: sum(1 for e in expected if e[5] == c)
                                                                   for c in codes(expected)}
    assert report["words"] == sum(len(t.split()) for _, t, _ in ARTICLES) and report["errors"] == {}
    peaks = report["peak_rss_mb"]
    assert len(peaks) == 3 and "client" in peaks and all(10 < mb < 2000 for mb in peaks.values())
    assert f"300 articles, {report['megabytes']:,.1f} MB" in stdout and f"wrote {len(expected)} rows" in stdout


@slow
def test_bad_rows_are_reported_as_ln000_rows_and_the_sweep_goes_on(tmp_path, probe_site):
    good = ARTICLES[:30]
    path = tmp_path / "news.jsonl"
    write_jsonl(path, good[:15])
    with open(path, "ab") as fh:
        fh.write(b'{"id": "no-text", "format": "text"}\n')
        fh.write(b'{"id": "number", "text": 42}\n')
        fh.write(b'{"id": "latin-1", "text": "Caf\xe9 society met on Monday."}\n')
        fh.write(b'this line is not JSON\n')
        fh.write(b'{"id": "xml", "text": "<p>Hi</p>", "format": "xml"}\n')
        fh.write(b'{"text": "It was the the end of an article without an id.\\n"}\n')
        fh.write(b'{"id": "detonator", "text": "Officials will detonate the the charge.\\n"}\n')
        fh.write(b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b'}\n')   # json recurses
    write_jsonl(tmp_path / "more.jsonl", good[15:])
    env = {"PYTHONPATH": str(probe_site)}
    out = tmp_path / "findings.jsonl"
    proc = archive(str(path), str(tmp_path / "more.jsonl"), "-o", str(out), "--format-column", "format",
                   "--workers", "1", "--partition-rows", "7", "--isolated", cwd=tmp_path, env=env)
    stdout, stderr = text_without_summary(proc)
    assert (proc.returncode, stderr) == (2, "")

    expected = cli_findings(tmp_path / "files", good, args=("--isolated",), env=env)
    rows = read_output(out)
    place = f"{path}:21"
    bad = {
        "no-text": [("input-error", f"{path}:16: 'text' is missing")],
        "number": [("input-error", f"{path}:17: 'text' is a number, not a string")],
        "latin-1": [("input-error", f"{path}:18: 'text' is not valid UTF-8: byte e9 at character 3")],
        f"{path}:19": [("input-error",
                        f"{path}:19: not a line of JSON: Expecting value: line 1 column 1 (char 0)")],
        "xml": [("input-error", f"{path}:20: 'format' is 'xml', not one of text, markdown, html")],
        place: [("input-error", f"{place}: 'id' is missing; the row is named by its place"),
                ("repeated-word", "'the' is repeated: delete one")],
        f"{path}:23": [("input-error", f"{path}:23: not a line of JSON lintnews can read: nested too deeply")],
        "detonator": [("repeated-word", "'the' is repeated: delete one"),
                      ("rule-error", "rule XN900 probe (plugin 'archive-probe') failed: ValueError: the probe "
                                     "went off")],
    }
    assert [r for r in rows if r[0] not in bad] == expected
    assert {ident: [(r[6], r[7]) for r in rows if r[0] == ident] for ident in bad} == bad
    assert all(r[5:7] == ("LN000", r[6]) and r[8] == "error" and r[1] is None
               for r in rows if r[6] in ("input-error", "rule-error"))
    # the file CLI says the same of the same text
    detonator = tmp_path / "detonator.txt"
    detonator.write_text("Officials will detonate the the charge.\n", encoding="utf-8")
    _, cli_err = text_without_summary(run_cli("--isolated", str(detonator), env=env))
    assert cli_err == f"{detonator}: error: {bad['detonator'][1][1]}\n"
    assert "LN000 input-error" in stdout and "LN000 rule-error" in stdout


@slow
@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_an_input_file_whose_name_is_not_utf_8_names_its_rows_in_backslash_escapes(tmp_path, suffix):
    # the rows named by their place held the name's surrogates, which neither output format
    # can: the sweep ended in UnicodeEncodeError and wrote nothing
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.jsonl")
    try:
        with open(name, "wb") as fh:
            fh.write(b'{"text": "It was the the end.\\n"}\n')
    except OSError:
        pytest.skip("this file system takes only UTF-8 file names")
    out = tmp_path / f"findings{suffix}"
    proc = archive(os.fsdecode(name), "-o", str(out), "--workers", "1", "--isolated", cwd=tmp_path)
    assert proc.returncode == 2                            # (a row without an id is an input error)
    place = f"{tmp_path}{os.sep}caf\\xe9.jsonl:1"
    assert [(r[0], r[5], r[6]) for r in read_output(out)] == [(place, "LN000", "input-error"),
                                                                (place, "LN101", "repeated-word")]


@slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (a device that is always full)")
def test_a_summary_that_cannot_be_written_is_one_error_and_the_output_stays(tmp_path):
    # (it said "OSError ... (no output written ...)" though the findings were written)
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:5])
    out = tmp_path / "findings.jsonl"
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "lintnews", "archive", str(inputs), "-o", str(out), "--workers",
                               "1", "--isolated", "--report", str(tmp_path / "report.json")], cwd=tmp_path,
                              stdout=full, stderr=subprocess.PIPE, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.decode().endswith(f"lintnews: error: cannot write the summary: No space left on device "
                                         f"(the findings are in {out})\n")
    assert read_output(out) == cli_findings(tmp_path / "files", ARTICLES[:5], args=("--isolated",))
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["exit_status"] == 2


@slow
def test_a_partition_that_kills_its_workers_is_reported_not_lost(tmp_path, probe_site):
    good = ARTICLES[:20]
    items = good[:12] + [("crasher", "Officials said it would crash this worker.\n", "text")] + good[12:]
    inputs = write_jsonl(tmp_path / "news.jsonl", items, kinds=False)
    out = tmp_path / "findings.jsonl"
    # No task may take part in a worker's death (Dask's default: 3) before it is given up
    # on. That also fails a partition that was waiting on the same worker when it died, so
    # the crasher's partition (rows 10-14) fails, and at most one other (two are in flight).
    env = {"PYTHONPATH": str(probe_site), "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    proc = archive(str(inputs), "-o", str(out), "--workers", "1", "--partition-rows", "5", "--isolated", env=env)
    stdout, stderr = text_without_summary(proc)
    assert proc.returncode == 2, stdout
    failed = {int(line.split("(partition ")[1].split(")")[0]) for line in stderr.splitlines()}
    assert 2 in failed and len(failed) <= 2 and len(stderr.splitlines()) == len(failed)
    assert all(line.startswith("lintnews: error: 5 articles not linted (partition ") and
               "): KilledWorker: Attempted to run task " in line for line in stderr.splitlines())
    lost = [ident for index in sorted(failed) for ident, _, _ in items[index * 5:index * 5 + 5]]
    rows = read_output(out)
    expected = cli_findings(tmp_path / "files", [a for a in good if a[0] not in lost], kinds=False,
                            args=("--isolated",), env={"PYTHONPATH": str(probe_site)})
    assert [r for r in rows if r[0] not in lost] == expected
    assert [r[0] for r in rows if r[0] in lost] == lost       # one LN000 row each, in order
    assert all(r[5:7] == ("LN000", "lint-error") and r[7].startswith("not linted: KilledWorker: ")
               for r in rows if r[0] in lost)


def _logged_messages(dask_scheduler) -> int:
    return sum(len(stream.recent_message_log) for stream in dask_scheduler.stream_comms.values())


@slow
def test_the_scheduler_keeps_no_partitions_once_they_are_done(tmp_path):
    """Dask logs each connection's last 1000 messages (those under 1 MB), and here every
    compute-task message carries a partition: the client's memory grew with the archive
    until the sweep turned that log off."""
    from lintnews.archive.cluster import dask_client

    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:100], kinds=False)
    results = []
    with dask_client(None, 1) as (client, workers):
        sweep(client, partitions([inputs], Columns(), per_partition=10, max_text_bytes=10**6), Config(),
              in_flight=2, on_result=lambda part, result: results.append(result.index))
        assert sorted(results) == list(range(10)) and workers == 1
        assert client.run_on_scheduler(_logged_messages) == 0


@slow
def test_a_clean_archive_exits_0_and_a_terminal_gets_a_progress_line(tmp_path):
    import pty

    inputs = write_parquet(tmp_path / "news.parquet", ARTICLES[:60], kinds=False)
    out = tmp_path / "findings.parquet"
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", "archive", str(inputs), "-o", str(out),
                             "--select", "LN403", "--workers", "1", "--partition-rows", "10", "--isolated"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    progress = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:      # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        progress += chunk
    os.close(leader)
    stdout = proc.stdout.read().decode()
    assert proc.wait(timeout=60) == 0
    assert read_output(out) == [] and pq.read_schema(out).names == list(COLUMNS)
    assert stdout.startswith("60 articles,") and "0 findings" in stdout
    text = progress.decode()
    assert "articles/s" in text and "MB/s" in text and "ETA" in text and "100%" in text
    assert text.endswith("\r\x1b[K")


def _stop_a_sweep(tmp_path, probe_site, suffix: str, stop, **popen) -> tuple[int, bytes, str]:
    """Start a slow sweep into findings`suffix` (an older output there), `stop(proc)` it once
    part files are written, and check it leaves nothing behind: the older output as it was, no
    part files, no worker process. Its exit status, standard output and standard error."""
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "delay").write_text("0.05")
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    out = tmp_path / f"findings{suffix}"
    out.write_text("an older output")
    env = {**os.environ, "PYTHONPATH": str(probe_site), "ARCHIVE_PROBE": str(probe)}
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", "archive", str(inputs), "-o", str(out),
                             "--workers", "2", "--partition-rows", "10", "--isolated"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, **popen)
    wait_for(lambda: list(tmp_path.glob(f".findings{suffix}.*.parts/part-*{suffix}")), proc)
    stop(proc)
    stdout, stderr = proc.communicate(timeout=60)
    assert out.read_text() == "an older output"
    assert sorted(os.listdir(tmp_path)) == sorted([out.name, "news.jsonl", "probe"])     # no parts left
    deadline = time.monotonic() + 20
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(proc.pid), "worker processes outlived the stopped sweep"
    return proc.returncode, stdout, stderr.decode()


@slow
def test_ctrl_c_leaves_no_output_under_the_final_name(tmp_path, probe_site):
    # Ctrl-C in a terminal signals the whole group
    stopped = _stop_a_sweep(tmp_path, probe_site, ".parquet", lambda proc: os.killpg(proc.pid, signal.SIGINT),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert stopped == (130, b"", "lintnews: interrupted; no output written\n")


@slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_stop_the_sweep_as_ctrl_c_does(tmp_path, probe_site, signum):
    # the client alone: a service manager's stop
    stopped = _stop_a_sweep(tmp_path, probe_site, ".jsonl", lambda proc: os.kill(proc.pid, signum))
    name = signal.Signals(signum).name
    assert stopped == (128 + signum, b"", f"lintnews: stopped by {name}; no output written\n")


def test_an_output_that_is_a_directory_is_refused_before_the_sweep(tmp_path):
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:5])
    (tmp_path / "out.jsonl").mkdir()
    proc = run_cli("archive", str(inputs), "-o", str(tmp_path / "out.jsonl"), "--isolated", "--workers", "1")
    assert (proc.returncode, text_without_summary(proc)) == (2, ("", f"lintnews: error: {tmp_path / 'out.jsonl'}: is a "
                                                        f"directory; the output must be a file\n"))


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@slow
def test_a_reader_that_goes_away_does_not_cost_the_output(tmp_path):
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:40], kinds=False)
    out = tmp_path / "findings.jsonl"
    read_end, write_end = os.pipe()
    os.close(read_end)                             # as `lintnews archive ... | head` after head exits
    proc = subprocess.run([sys.executable, "-m", "lintnews", "archive", str(inputs), "-o", str(out), "--workers",
                           "1", "--isolated", "--report", str(tmp_path / "report.json")],
                          cwd=REPO, stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    os.close(write_end)
    assert (proc.returncode, proc.stderr) == (1, b"")
    report = json.loads((tmp_path / "report.json").read_text())
    assert len(read_output(out)) == report["output_rows"] > 0


@slow
def test_a_failure_mid_sweep_leaves_no_output(tmp_path, monkeypatch, capsys):
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:100])
    out = tmp_path / "findings.jsonl"
    written = []

    def write_part(self, index, rows):
        if written:
            raise OSError(28, "No space left on device")
        written.append(index)
        real_write_part(self, index, rows)

    real_write_part = output.FindingsWriter.write_part
    monkeypatch.setattr(output.FindingsWriter, "write_part", write_part)
    status = archive_cli.main([str(inputs), "-o", str(out), "--workers", "1", "--partition-rows", "20",
                               "--isolated"])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert captured.err == ("lintnews: error: OSError: [Errno 28] No space left on device (no output written; "
                            "set LINTNEWS_DEBUG=1 to see where)\n")
    assert len(written) == 1 and sorted(os.listdir(tmp_path)) == ["news.jsonl"]


# -------------------------------------------------------------- a real cluster on loopback


def wait_for(condition, proc=None, timeout=120.0):
    """Poll `condition` until it gives something true; fail if `proc` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the process ended first: {proc.returncode} {proc.communicate()}")
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s")


@contextmanager
def dask_cluster(folder: Path, env: dict, workers: int = 2):
    """A `dask scheduler` and `workers` `dask worker` processes (nanny-managed, one thread
    each) on 127.0.0.1, on free ports; torn down afterwards."""
    scheduler_file = folder / "scheduler.json"
    procs = []

    def start(*args):
        log = open(folder / f"process-{len(procs)}.log", "wb")
        procs.append(subprocess.Popen([sys.executable, "-m", *args], env=env, stdout=log, stderr=log,
                                      cwd=folder, start_new_session=True))

    start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
          "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(scheduler_file))
    try:
        wait_for(scheduler_file.exists, procs[0], timeout=60)
        for i in range(workers):
            start("distributed.cli.dask_worker", "--scheduler-file", str(scheduler_file), "--host", "127.0.0.1",
                  "--nthreads", "1", "--no-dashboard", "--name", f"worker-{i}", "--local-directory", str(folder))
        address = json.loads(scheduler_file.read_text())["address"]
        with connect(address) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            except ProcessLookupError:
                pass


@contextmanager
def connect(address: str):
    from distributed import Client

    with Client(address, timeout="20s") as client:
        yield client


@pytest.fixture(scope="module")
def real_cluster(tmp_path_factory, probe_site):
    """(address, probe folder, environment) of a two-worker cluster with the probe installed."""
    folder = tmp_path_factory.mktemp("cluster")
    probe = folder / "probe"
    probe.mkdir()
    env = {**os.environ, "PYTHONPATH": str(probe_site), "ARCHIVE_PROBE": str(probe)}
    with dask_cluster(folder, env) as address:
        yield address, probe, env


@slow
def test_a_real_cluster_gives_the_same_findings(tmp_path, real_cluster, probe_site):
    address, _, env = real_cluster
    inputs = write_parquet(tmp_path / "news.parquet", ARTICLES, kinds=False, row_group_size=100)
    out = tmp_path / "findings.parquet"
    proc = archive(str(inputs), "-o", str(out), "--scheduler", address, "--partition-rows", "25", "--isolated",
                   env=env)
    stdout, stderr = text_without_summary(proc)
    assert (proc.returncode, stderr) == (1, ""), stdout
    expected = cli_findings(tmp_path / "files", ARTICLES, kinds=False, args=("--isolated",),
                            env={"PYTHONPATH": str(probe_site)})
    assert len(expected) > 150 and read_output(out) == expected
    assert "on 2 workers" in stdout


@slow
def test_a_worker_killed_mid_sweep_is_replaced_and_nothing_is_lost(tmp_path, real_cluster, probe_site):
    address, probe, env = real_cluster
    for leftover in probe.iterdir():
        leftover.unlink()
    stall_on = "a-0150.txt"                      # in the 8th of 15 partitions
    (probe / "stall-on").write_text(stall_on)
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES, kinds=False)
    out = tmp_path / "findings.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", "archive", str(inputs), "-o", str(out),
                             "--scheduler", address, "--partition-rows", "20", "--isolated"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    victim = int(wait_for(lambda: (probe / "stalled").exists() and (probe / "stalled").read_text(), proc))
    wait_for(lambda: list(tmp_path.glob(".findings.jsonl.*.parts/part-*.jsonl")), proc)   # a partition is done
    os.kill(victim, signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=180)
    assert (proc.returncode, stderr.decode()) == (1, ""), stdout

    expected = cli_findings(tmp_path / "files", ARTICLES, kinds=False, args=("--isolated",),
                            env={"PYTHONPATH": str(probe_site)})
    assert read_output(out) == expected                     # nothing lost, nothing twice
    seen = [line.split() for line in (probe / "seen.log").read_text().splitlines()]
    linted_by = {pid for pid, path in seen if path == stall_on}
    assert str(victim) in linted_by and len(linted_by) >= 2   # its partition was linted again elsewhere
    with connect(address) as client:                         # and the nanny replaced the worker
        client.wait_for_workers(2, timeout=60)
        assert victim not in client.run(os.getpid).values()


# ---------------------------------------------------------------------- errors and imports


@pytest.mark.parametrize("args, message", [
    (["missing.jsonl", "-o", "out.parquet"], "missing.jsonl: no such file"),
    (["{inputs}", "-o", "out.csv"], "out.csv: the output must be a .parquet or a .jsonl file"),
    (["{inputs}", "-o", "out.jsonl", "--text-column", "body"],
     "{inputs}: no column 'body' (it has id, text); name the right one with --text-column"),
    (["{inputs}", "-o", "out.jsonl", "--select", "LN999"],
     "configuration: select: 'LN999' matches no rule (see lintnews --list-rules)"),
    (["{inputs}", "-o", "out.jsonl", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
     "--workers sizes the local cluster; it does not go with --scheduler"),
    (["{folder}", "-o", "out.jsonl"], "{folder}: no archive files in it (*.jsonl.gz, *.jsonl, *.parquet)"),
    (["{inputs}", "-o", "nowhere/out.jsonl"], "nowhere/out.jsonl: no such directory: nowhere"),
    (["{inputs}", "-o", "out.jsonl", "--report", "nowhere/r.json"], "nowhere/r.json: no such directory: nowhere"),
])
def test_usage_errors_are_one_line_and_write_nothing(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    inputs = write_parquet(tmp_path / "news.parquet", ARTICLES[:3], kinds=False)
    (tmp_path / "empty").mkdir()
    fill = {"inputs": str(inputs), "folder": str(tmp_path / "empty")}
    status = archive_cli.main([a.format(**fill) for a in args] + ["--isolated"])
    captured = capsys.readouterr()
    assert (status, captured.out, captured.err) == (2, "", f"lintnews: error: {message.format(**fill)}\n")
    assert sorted(os.listdir(tmp_path)) == ["empty", "news.parquet"]


def test_the_output_cannot_be_one_of_the_inputs(tmp_path, capsys):
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:3])
    assert archive_cli.main([str(tmp_path), "-o", str(inputs), "--isolated"]) == 2
    assert capsys.readouterr().err == f"lintnews: error: {inputs}: the output is one of the inputs\n"


def test_without_the_extra_a_one_line_hint(tmp_path):
    shim = tmp_path / "shim" / "dask"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'dask'\", name='dask')\n")
    proc = archive("news.jsonl", "-o", "out.parquet", env={"PYTHONPATH": str(shim.parent)})
    assert text_without_summary(proc) == ("", "lintnews: error: lintnews archive needs Dask and pyarrow (dask is missing): "
                                 "pip install 'lintnews[archive]'\n")
    assert proc.returncode == 2


def test_plain_lintnews_never_imports_dask_or_pyarrow():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "lintnews", "seeds/"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    imported = [line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
                if line.startswith("import time:")]
    assert "lintnews.engine" in imported and "lintnews.cli" in imported
    assert [m for m in imported if m.split(".")[0] in ("dask", "distributed", "pyarrow")] == []
    assert "lintnews.archive" not in imported


def test_probe_pack_loads(probe_site):
    """The probe is a well-formed pack (else every test using it would test nothing)."""
    proc = run_cli("--list-rules", env={"PYTHONPATH": str(probe_site)})
    assert "XN900  probe" in text_without_summary(proc)[0]


@pytest.mark.parametrize("server", ["silent", "http"])
def test_a_scheduler_address_that_is_no_dask_scheduler_is_an_error_in_bounded_time(tmp_path, monkeypatch, capsys,
                                                                                    server):
    import socket
    import threading

    from lintnews.archive import cluster

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    held = []

    def serve() -> None:                       # accepts, then says nothing (or an HTTP answer)
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            if server == "http":
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>hello</html>")

    threading.Thread(target=serve, daemon=True).start()
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    inputs = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:3])
    address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    started = time.monotonic()
    try:
        status = archive_cli.main([str(inputs), "-o", str(tmp_path / "out.jsonl"), "--isolated",
                                   "--scheduler", address])
    finally:
        listener.close()
        for conn in held:
            conn.close()
    assert status == 2 and time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert err.startswith(f"lintnews: error: cannot reach the Dask scheduler at {address}: ") and err.count("\n") == 1
    assert not (tmp_path / "out.jsonl").exists()


@slow
def test_ctrl_c_while_the_local_cluster_starts_stops_the_run(monkeypatch):
    import multiprocessing

    from lintnews.archive import cluster

    real = cluster.LocalCluster

    def pressed_while_starting(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)         # Ctrl-C in the second the workers take to start
        return real(*args, **kwargs)

    monkeypatch.setattr(cluster, "LocalCluster", pressed_while_starting)
    handler = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        with cluster.dask_client(None, 1):
            pytest.fail("the sweep began though Ctrl-C was pressed while the cluster started")
    assert signal.getsignal(signal.SIGINT) is handler
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == set()        # (SIGINT no longer held back)
    deadline = time.monotonic() + 20
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not multiprocessing.active_children(), "worker processes outlived the interrupted start"
