"""`accord extract`: human and JSON output, HTML input, folders, the store, usage errors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from accord.cli.main import cli
from accord.evidence.store import Store

ARTICLE = """Harbour Test News
World | Middle East | Business
Site icon
Hamas frees three hostages as Israel releases 90 prisoners
By Wire staff | 2 hours ago | Share on X
DOHA (Wire) - Hamas released three hostages on Sunday, and Israel freed 90 Palestinian \
prisoners, the Red Cross said.

"We will keep our side of the deal," a senior Hamas official said.

The next exchange is due on Saturday, two officials familiar with the talks said.
Read more: What is in the deal
Exit mobile version
"""

PAGE = """<!doctype html><html><head><title>Truce holds</title>
<meta property="article:published_time" content="2025-01-27T08:00:00Z">
<meta property="og:site_name" content="Test Wire"></head>
<body><nav>Home | World | Sport</nav><article><h1>Truce holds as crowds head north</h1>
<p>Displaced Palestinians began crossing into northern Gaza on Monday, after Qatar said Israel
and Hamas had resolved a dispute that had kept the roads closed for two days.</p>
<p>"Anyone approaching the troops endangers themselves," the Israeli military said in messages
posted online. Some 650,000 people were waiting to go home, according to officials in Gaza.</p>
</article><footer>Copyright 2025 Test Wire</footer></body></html>"""


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_output(article: Path) -> None:
    result = _run("extract", str(article), "--published", "2025-01-20", "--json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    (extraction,) = document["articles"]
    speakers = {c["speaker"] for c in extraction["claims"]}
    assert {"the Red Cross", "a senior Hamas official"} <= speakers
    assert {"three hostages", "90 Palestinian prisoners"} <= {
        q["text"] for q in extraction["quantities"]
    }
    dates = {d["text"]: d["value"] for d in extraction["dates"]}
    assert dates == {"Sunday": "2025-01-19", "Saturday": "2025-01-25"}
    assert 1 in extraction["lines"]["furniture"]
    assert {e["action"] for e in extraction["events"]} >= {"release"}


def test_human_output_shows_claims_and_tables(article: Path) -> None:
    result = _run("extract", str(article), "--published", "2025-01-20")
    assert result.exit_code == 0
    assert "a senior Hamas official" in result.output
    assert "claims: " in result.output and "quantities: " in result.output
    assert "Exit mobile version" not in result.output


def test_html_page_uses_its_metadata_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    document = json.loads(_run("extract", str(page), "--json").output)
    (extraction,) = document["articles"]
    assert extraction["article"]["published"] == "2025-01-27"
    assert extraction["article"]["published_from"] == "metadata"
    text = extraction["text"]
    for claim in extraction["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["content"]
    assert "the Israeli military" in {c["speaker"] for c in extraction["claims"]}


def test_folder_input(tmp_path: Path, article: Path) -> None:
    (tmp_path / "notes.gold.json").write_text("{}", encoding="utf-8")
    document = json.loads(_run("extract", str(tmp_path), "--json").output)
    assert [a["article"]["path"] for a in document["articles"]] == [str(article)]


def test_folder_reads_only_the_documented_suffixes(tmp_path: Path, article: Path) -> None:
    (tmp_path / "page.htm").write_text(PAGE, encoding="utf-8")
    for name in ("notes.md", "draft.text", "page.xhtml", "data.csv"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    document = json.loads(_run("extract", str(tmp_path), "--json").output)
    paths = [Path(a["article"]["path"]).name for a in document["articles"]]
    assert paths == ["article.txt", "page.htm"]


def test_random_bytes_are_not_text(tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(random.Random(7).randbytes(200_000))
    result = _run("extract", str(noise), "--json")
    assert result.exit_code == 1
    assert result.stderr == f"accord: error: {noise}: not text: it holds NUL bytes; skipped\n"
    assert json.loads(result.stdout) == {"articles": []}


def test_a_folder_run_skips_the_file_that_is_not_text(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "store.duckdb"
    (tmp_path / "bad.html").write_bytes(bytes(range(1, 32)) * 100)
    result = _run("extract", str(tmp_path), "--db", str(db), "--json")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"accord: error: {tmp_path / 'bad.html'}: not text: ")
    assert "control characters" in line and "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    assert [a["article"]["path"] for a in document["articles"]] == [str(article)]
    assert document["store"]["sources"] == 1


def test_not_text_from_the_entry_point_exits_1(tmp_path: Path) -> None:
    from accord.cli.main import main

    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(binary)])
    assert exited.value.code == 1


def test_store_is_written_once(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "store.duckdb"
    first = json.loads(
        _run("extract", str(article), "--published", "2025-01-20", "--db", str(db), "--json").output
    )
    again = json.loads(
        _run("extract", str(article), "--published", "2025-01-20", "--db", str(db), "--json").output
    )
    report = first["articles"][0]["store"]
    assert report["sources"]["added"] == 1 and report["claims"]["added"] >= 2
    assert report["events"]["added"] >= 1
    assert again["articles"][0]["store"]["claims"]["added"] == 0
    assert again["articles"][0]["store"]["events"]["added"] == 0
    with Store(db, read_only=True) as store:
        kinds = store.con.execute("SELECT DISTINCT kind FROM sources").fetchall()
        notes = store.con.execute("SELECT notes, claimed_by FROM events").fetchall()
        counts = store.counts()
    assert kinds == [("news",)]
    assert all("candidate" in n for n, _ in notes)
    assert counts["claims"] == report["claims"]["added"]


def test_gazetteer_extension(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("actors:\n  - {id: civil-defence, name: Civil Defence, kind: official}\n")
    text = tmp_path / "a.txt"
    text.write_text("Five people were killed, according to the Civil Defence.\n")
    document = json.loads(_run("extract", str(text), "--gazetteer", str(extra), "--json").output)
    assert document["articles"][0]["claims"][0]["actor"] == "civil-defence"


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "missing.txt"),
        ("extract", "--published", "2025-13-40", "x.txt"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    from accord.cli.main import main

    with pytest.raises(SystemExit) as exited:
        main(list(args))
    assert exited.value.code == 2
