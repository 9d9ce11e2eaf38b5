"""The report templates: typed parameters cells, rendered on the fixture corpus (fast) and on defaults (slow)."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from analysis import config
from analysis._params import declared_parameters, list_templates
from analysis.notebook import read_records
from analysis.report import render_batch, render_report

FIXTURE = config.PROJECT_DIR / "tests" / "data" / "fixture_corpus"
TEMPLATES = ["corpus-overview", "period-comparison", "target-brief"]


def test_the_three_templates_exist():
    assert list_templates() == TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES)
def test_one_parameters_cell_of_typed_literals_with_help(template):
    path = config.TEMPLATES_DIR / f"{template}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    declared = declared_parameters(path)
    assert "corpus" in declared and declared["corpus"]["default"] == '"seeds"'
    for name, spec in declared.items():
        assert spec["type"], f"{name} has no type annotation"
        assert spec["help"], f"{name} has no # help comment"
    assert len(declared) == len([ln for ln in tagged[0].source.splitlines() if ln.strip()])
    assert notebook.metadata.kernelspec.name == "euroseclab"


def test_papermill_help_documents_the_template():
    proc = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook",
                           str(config.TEMPLATES_DIR / "target-brief.ipynb")], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "target: str (default \"NATO\")" in proc.stdout and "a lexicon target id" in proc.stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    runs = [{"corpus": str(FIXTURE), "method": "vader-window", "target": t} for t in ("NATO", "OSCE")]
    batch = render_batch("target-brief", runs, out_dir=out, jobs=2, progress=False)
    single = {t: render_report(t, {"corpus": str(FIXTURE), "method": "vader-window"}, out_dir=out)
              for t in ("corpus-overview", "period-comparison")}
    return out, batch, single


def test_target_briefs_record_their_figures(rendered):
    from analysis import attribute, attribute_mentions, find_mentions, load_articles, score_targets, split_sentences
    from analysis.attribution import default_quotes, default_turns

    out, batch, _ = rendered
    assert [r.status for r in batch] == ["ok", "ok"], [r.error for r in batch]
    articles, _ = load_articles(FIXTURE)
    sentences = split_sentences(articles)
    mentions = find_mentions(sentences)
    quotes = default_quotes(articles)
    held = attribute(sentences, articles, turns=default_turns(articles), quotes=quotes)
    scored = score_targets(attribute_mentions(mentions, held, quotes=quotes), sentences, method="vader-window")
    for run in batch:
        records = read_records(run.notebook)
        target = run.parameters["target"]
        assert records["n_mentions"] == int((mentions.target == target).sum())
        assert records["sentiment_n"] == records["n_mentions"]
        assert sum(r["n"] for r in records["by_source"]) == records["n_mentions"]
        provenance = {r["item"]: r["value"] for r in records["provenance"]}
        assert provenance["sentiment method"] == "vader-window"
        assert "official.jsonl.gz (sha256" in str(records["provenance"])
        # Who holds the opinion: holder_for groups and the journalists' questions apart, recomputed with pandas
        mine = scored[scored["target"] == target]
        asked = mine["holder_role"] == "journalist"
        assert records["n_journalist_excluded"] == int(asked.sum())
        assert sum(r["n"] for r in records["journalists"]) == int(asked.sum())
        direct = mine[~asked].groupby(mine["holder_for"].replace("", "(none)"))["score"].agg(["size", "mean"])
        table = {r["holder_for"]: r for r in records["by_holder"]}
        assert set(table) == set(direct.index)
        for holder_for, (n, mean) in direct.iterrows():
            assert table[holder_for]["n"] == n and table[holder_for]["mean"] == pytest.approx(mean)
        assert sum(r["n"] for r in records["by_holder"]) + int(asked.sum()) == records["n_mentions"]
    osce = read_records(batch[1].notebook)
    assert {c["commitment"] for c in osce["commitments"]} >= {"Istanbul Charter", "Astana Declaration"}
    html = open(batch[1].html).read()
    assert "rests on" in html  # fewer than 30 OSCE mentions in the fixture: the warning is shown
    index = (out / "index.html").read_text()
    assert index.count("status-ok") >= 2


def test_overview_and_period_comparison(rendered):
    _, _, single = rendered
    assert all(r.status == "ok" for r in single.values()), {k: r.error for k, r in single.items()}
    overview = read_records(single["corpus-overview"].notebook)
    assert overview["n_articles"] == 33 and overview["inputs"] == 33
    assert overview["n_topics"] >= 2 and len(overview["topic_labels"]) == overview["n_topics"]
    period = read_records(single["period-comparison"].notebook)
    assert period["n_before"] + period["n_after"] + period["n_neither"] == 33
    assert period["n_before"] == 17 and period["n_after"] == 16  # 16 + 16 sampled around 24 Feb, + the seed (Jan)
    moves = {r["target"]: r for r in period["sentiment_shift"]}
    assert set(moves) == {"NATO", "Ukraine", "Russia", "United States", "European Union", "OSCE"}
    for r in moves.values():
        if r["ci_low"] is not None:
            assert r["ci_low"] <= r["change"] <= r["ci_high"]


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_run_on_their_defaults(tmp_path, template):
    run = render_report(template, {}, out_dir=tmp_path)
    assert run.status == "ok", run.error
    records = read_records(run.notebook)
    provenance = {r["item"]: r["value"] for r in records["provenance"]} if "provenance" in records else {}
    if provenance:
        assert "kremlin_en_2021-10_2022-06.csv.gz" in str(records["provenance"])
        from analysis.provenance import model_card

        card = model_card(provenance["sentiment method"])
        if card.get("domain_test"):  # the held-out domain F1m of the model actually used
            domain = provenance["validated F1m (held-out security-domain test)"]
            assert domain.startswith(f"{card['domain_test']['f1m']:.3f} (n={card['domain_test']['n']}")
