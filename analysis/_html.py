"""Static HTML for rendered reports: no code cells, figures embedded, nothing fetched, no script run.

nbconvert's ``basic`` template gives the cells' HTML without the lab template's CDN scripts
(MathJax, require.js); we wrap it in a page with inline CSS and a Content-Security-Policy that
forbids every script and every network fetch (images only from ``data:`` URIs), and run nbconvert's
``SanitizeHTML`` preprocessor over the outputs. Article titles and text are untrusted: with both
layers, a title ``<script>alert(1)</script>`` shows as text or is stripped, and never runs.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

#: What the sanitiser lets through in cell outputs (tables, headings, warnings); everything else is stripped.
_SAFE_TAGS = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i",
              "li", "ol", "p", "pre", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
              "thead", "tr", "ul"]
_SAFE_ATTRIBUTES = {"*": ["class", "title"], "a": ["href", "title"], "th": ["colspan", "rowspan", "class"],
                    "td": ["colspan", "rowspan", "class"]}

_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #1d1d1f; line-height: 1.45; }
h1, h2, h3 { line-height: 1.2; } h1 { font-size: 1.7em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.6em 0; }
th, td { border: 1px solid #ddd; padding: 3px 7px; text-align: left; vertical-align: top; }
thead th { background: #f3f3f3; } tbody tr:nth-child(even) { background: #fafafa; }
img { max-width: 100%; height: auto; }
pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; font-size: 0.85em; white-space: pre-wrap; }
.jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt, .prompt { display: none; }
.warning, .alert-warning { background: #fff4e5; border-left: 4px solid #f0a020; padding: 0.4em 0.8em; }
.status-ok { color: #17752b; } .status-failed, .status-timeout { color: #b3261e; font-weight: bold; }
"""


def page(title: str, body: str) -> str:
    """A complete offline HTML page around ``body`` (which must already be safe HTML)."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def notebook_to_html(ipynb: Path, out: Path, *, title: str) -> Path:
    """Convert an executed notebook to a self-contained HTML page without code cells."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors.sanitize import SanitizeHTML

    from analysis.notebook import RECORD_MIME

    notebook = nbformat.read(str(ipynb), as_version=4)
    notebook.metadata.pop("widgets", None)  # progress-bar widget state: a <script> block a static page does not need
    for cell in notebook.cells:  # recorded values are for the tests, not for the reader
        if cell.get("outputs"):
            cell.outputs = [o for o in cell.outputs if RECORD_MIME not in o.get("data", {})]
            for output in cell.outputs:  # pandas' scoped <style> blocks: the page's own CSS styles tables
                if "text/html" in output.get("data", {}):
                    output.data["text/html"] = _STYLE_BLOCK.sub("", "".join(output.data["text/html"]))
    sanitizer = SanitizeHTML(tags=_SAFE_TAGS, attributes=_SAFE_ATTRIBUTES, strip=True)
    notebook, _ = sanitizer.preprocess(notebook, {})
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, exclude_output_stdin=True, exclude_anchor_links=True)
    body, _ = exporter.from_notebook_node(notebook)
    out.write_text(page(title, body), encoding="utf-8")
    return out


def write_index(out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` listing every run (``*/*.run.json``) with parameters, status and links."""
    out_dir = Path(out_dir)
    rows = []
    for record_path in sorted(out_dir.glob("*/*.run.json")):
        try:
            run = json.loads(record_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        folder = record_path.parent.name
        links = []
        for kind in ("html", "notebook"):
            if run.get(kind) and Path(run[kind]).exists():
                rel = f"{folder}/{Path(run[kind]).name}"
                links.append(f'<a href="{html.escape(rel, quote=True)}">{kind}</a>')
        params = ", ".join(f"{k}={v}" for k, v in run.get("parameters", {}).items() if k != "corpus")
        status = html.escape(str(run.get("status")))
        error = f"<br><small>{html.escape(str(run.get('error') or ''))}</small>" if run.get("error") else ""
        rows.append(
            f"<tr><td>{html.escape(run.get('template', folder))}</td><td>{html.escape(run.get('run_name', ''))}</td>"
            f"<td>{html.escape(params)}</td><td class=\"status-{status}\">{status}{error}</td>"
            f"<td>{html.escape(str(run.get('seconds')))}</td><td>{html.escape(str(run.get('started')))}</td>"
            f"<td>{' '.join(links)}</td></tr>"
        )
    body = (
        "<h1>Reports</h1>\n<p>Every rendered run, with its parameters and status. Failed runs keep their "
        "partial notebook.</p>\n<table><thead><tr><th>template</th><th>run</th><th>parameters</th><th>status</th>"
        "<th>seconds</th><th>started</th><th>files</th></tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )
    index = out_dir / "index.html"
    out_dir.mkdir(parents=True, exist_ok=True)
    index.write_text(page("Reports", body), encoding="utf-8")
    return index
