"""The `html` output format: one self-contained page for a desk editor.

An overview (files, words, findings by rule and severity as CSS bars, the worst files,
fixable counts), a filter by rule and severity, then each article with its findings
highlighted in its text (see html_article), and the documentation of every rule found.
CSS and script are inline (html_assets/), and a Content-Security-Policy lets nothing
else load or run: no network, and an article's own `<script>` could not run even if
escaping failed. Articles come in pages of 20 and render lazily (`content-visibility`).
"""
from __future__ import annotations

import re
from collections import Counter

from lintnews.reporting.base import Reporter, printable, safely_fixable
from lintnews.reporting.html_article import SEVERITY_MARKS, article_section, severity_badge, text
from lintnews.reporting.html_meta import article_meta

SEVERITY_ORDER = ("error", "warning", "info")
WORST_FILES = 10


def asset(name: str) -> str:
    """The text of one of the page's files in html_assets/ (imported here: every run
    registers this format, and only a run that writes a page should pay for the import)."""
    from importlib import resources

    return resources.files("lintnews.reporting").joinpath("html_assets", name).read_text(encoding="utf-8")


class HtmlReporter(Reporter):
    """Collects each article's section and the counts, and writes the page at the end."""

    title = "lintnews report"
    wants_document = True             # file() is given the Document the rules read

    def __init__(self, stream):
        super().__init__(stream)
        self.sections: list[str] = []
        self.files = self.words = 0
        self.by_rule: Counter[tuple[str, str, str]] = Counter()
        self.fixable: Counter[str] = Counter()          # "safe" / "unsafe"
        self.per_file: list[tuple[int, int, str, int]] = []   # (findings, errors, path, section number)
        self.problems: list[tuple[str | None, str]] = []
        self.notes: list[str] = []        # lines under the title (the archive's sample, say)
        self.totals: dict | None = None   # counts given whole (see given_totals)

    def given_totals(self, articles: int, words: int, rules, fixable: dict[str, int]) -> None:
        """Show these counts (of a whole archive: `rules` as (code, name, severity, findings))
        in the overview instead of those of the articles shown, a sample of it."""
        self.totals = {"files": articles, "words": words, "findings": sum(n for *_, n in rules)}
        self.by_rule = Counter({(code, name, severity): n for code, name, severity, n in rules})
        self.fixable = Counter(fixable)

    def problem(self, problem, file):
        self.problems.append((file, problem.message))

    def file(self, path, diagnostics, text_, document=None):
        """One article's section, from `document` (the Document the rules read) when given
        and of this text, else from one built again here with the default options."""
        from lintnews.reporting.html_rendered import article_document, front_matter_end, prose_words

        number = len(self.sections)
        usable = document is not None and document.text == text_
        doc = document if usable else article_document(path, text_) if text_ else None
        words = prose_words(doc) if doc is not None else len(text_.split()) if text_ else 0
        self.files += 1
        self.words += words
        for d in diagnostics if self.totals is None else ():
            self.by_rule[d.code, d.name, d.severity] += 1
            if d.fix is not None:
                self.fixable["safe" if safely_fixable(d) else "unsafe"] += 1
        errors = sum(d.severity == "error" for d in diagnostics)
        self.per_file.append((len(diagnostics), errors, path, number))
        end = front_matter_end(doc) if doc is not None else 0
        if doc is not None and doc.kind == "markdown" and end is not None:    # (its front matter read once)
            view, meta, front_end = doc, {k: doc.meta[k] for k in ("author", "date") if k in doc.meta}, end
        else:
            view = doc if end is not None else None
            meta, front_end = article_meta(path, text_)
        self.sections.append(article_section(path, number, diagnostics, text_, meta, words, front_end, view))

    def finish(self):
        import base64
        import hashlib

        script = asset("report.js")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"
        out = self.stream.write
        out('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="lintnews {text(self.run.version)}">'
            f"<title>{text(self.title)}</title><style>{asset('report.css')}</style></head><body><main>")
        out(self.overview())
        out(self.toolbar())
        out('<section id="articles" aria-label="Articles">')
        for section in self.sections:
            out(section)
        out("</section>")
        out(self.rules_doc())
        out(f'</main><div id="popup" hidden></div><script>{script}</script></body></html>\n')

    # -- the overview ---------------------------------------------------------------------

    def overview(self) -> str:
        totals = self.totals or {"files": self.files, "words": self.words,
                                 "findings": sum(self.by_rule.values())}
        severities = Counter()
        for (_, _, severity), n in self.by_rule.items():
            severities[severity] += n
        items = [("articles" if self.totals else "files", totals["files"]), ("words", totals["words"]),
                 ("findings", totals["findings"]),
                 *((s, severities[s]) for s in SEVERITY_ORDER if severities[s]),
                 ("with a safe fix", self.fixable["safe"]), ("with an unsafe fix", self.fixable["unsafe"])]
        out = [f"<h1>{text(self.title)}</h1>",
               f'<p class="sub">lintnews {text(self.run.version)}'
               f'{"".join(" · " + text(note) for note in self.notes)}</p>',
               '<section aria-labelledby="overview"><h2 id="overview" class="visually-hidden">Overview</h2>'
               '<ul class="totals">']
        out += [f"<li><b>{n:,}</b> {text(label)}</li>" for label, n in items]
        out.append("</ul>")
        out.append(self.rule_table())
        out.append(self.worst_files())
        out.append(self.problem_list())
        out.append("</section>")
        return "".join(out)

    def rule_table(self) -> str:
        if not self.by_rule:
            return "<p>No findings.</p>"
        top = max(self.by_rule.values())
        rows = sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))
        out = ['<table class="rules"><caption class="visually-hidden">Findings by rule</caption><thead><tr>'
               '<th scope="col">rule</th><th scope="col">severity</th><th class="n" scope="col">findings</th>'
               '<th scope="col" style="width:40%"><span class="visually-hidden">bar</span></th></tr></thead><tbody>']
        for (code, name, severity), n in rows:
            width = max(0.5, 100 * n / top)
            out.append(f'<tr><th scope="row"><a href="#rule-{text(code)}">{text(code)} {text(name)}</a></th>'
                       f"<td>{severity_badge(severity)}</td><td class=\"n\">{n:,}</td>"
                       f'<td><div class="bar {text(severity)}" style="width:{width:.1f}%" aria-hidden="true">'
                       f"</div></td></tr>")
        out.append("</tbody></table>")
        return "".join(out)

    def worst_files(self) -> str:
        worst = sorted((f for f in self.per_file if f[0]), key=lambda f: (-f[1], -f[0], f[2]))[:WORST_FILES]
        if len(self.per_file) < 2 or not worst:
            return ""
        out = ['<h2 id="worst">Most findings</h2><table><thead><tr><th scope="col">article</th>'
               '<th class="n" scope="col">errors</th><th class="n" scope="col">findings</th></tr></thead><tbody>']
        out += [f'<tr><td><a href="#a{number}">{text(printable(path))}</a></td><td class="n">{errors:,}</td>'
                f'<td class="n">{n:,}</td></tr>' for n, errors, path, number in worst]
        out.append("</tbody></table>")
        return "".join(out)

    def problem_list(self) -> str:
        if not self.problems:
            return ""
        items = "".join(f"<li>{text(printable(path)) + ': ' if path else ''}{text(message)}</li>"
                        for path, message in self.problems)
        return f'<h2 id="problems">Not checked</h2><ul class="problems">{items}</ul>'

    def toolbar(self) -> str:
        codes = sorted({(code, name) for code, name, _ in self.by_rule})
        severities = [s for s in SEVERITY_ORDER if any(k[2] == s for k in self.by_rule)]
        severities += sorted({k[2] for k in self.by_rule} - set(severities))
        rule_boxes = "".join(f'<label><input type="checkbox" name="rule" value="{text(code)}" checked> '
                             f"{text(code)} {text(name)}</label>" for code, name in codes)
        severity_boxes = "".join(f'<label><input type="checkbox" name="severity" value="{text(s)}" checked> '
                                 f'<span aria-hidden="true">{SEVERITY_MARKS.get(s, "•")}</span> {text(s)}</label>'
                                 for s in severities)
        pager = ('<span class="pager" id="pager" hidden><button type="button" data-page="-1">← articles</button> '
                 '<span id="page-of" aria-live="polite"></span> '
                 '<button type="button" data-page="1">articles →</button></span>') if len(self.sections) > 1 else ""
        return ('<form id="tools" aria-label="Filter and navigate findings">'
                f'<fieldset><legend>Severity</legend>{severity_boxes}</fieldset>'
                f'<details class="rulefilter"><summary>Rules ({len(codes)})</summary>'
                f'<fieldset><legend>Rule</legend>{rule_boxes}</fieldset></details>'
                '<span><button type="button" data-step="-1" aria-keyshortcuts="p">← previous</button> '
                '<button type="button" data-step="1" aria-keyshortcuts="n">next →</button></span>'
                f'{pager}<span class="hint"><kbd>n</kbd>/<kbd>p</kbd>: next/previous finding. '
                '<output id="shown" aria-live="polite"></output></span></form>')

    # -- the rules' documentation ------------------------------------------------------------

    def rules_doc(self) -> str:
        found = {code for code, _, _ in self.by_rule}
        known = {rule.code: rule for rule in self.run.rules}
        out = ['<section class="rules-doc" aria-labelledby="rules-title"><h2 id="rules-title">The rules found</h2>']
        for code, name in sorted({(code, name) for code, name, _ in self.by_rule}):
            rule = known.get(code)
            summary = rule.summary() if rule else ""
            doc = rule.documentation() if rule else ""
            out.append(f'<article id="rule-{text(code)}"><h3>{text(code)} {text(name)}</h3>'
                       f'<p class="summary">{text(summary or name)}</p>{markdown_lite(doc, summary)}</article>')
        out.append("</section>")
        return "".join(out) if found else ""


def markdown_lite(doc: str, summary: str) -> str:
    """A rule's documentation as HTML: `## ` headings, paragraphs, indented or fenced code
    as preformatted text; everything else as plain (escaped) text."""
    out = []
    for block in re.split(r"\n\s*\n", doc.strip()):
        stripped = block.strip()
        if not stripped or " ".join(stripped.split()) == " ".join(summary.split()):
            continue
        if stripped.startswith("#"):
            heading, _, rest = stripped.partition("\n")
            out.append(f"<h4>{text(heading.lstrip('#').strip())}</h4>")
            stripped = rest.strip()
            if not stripped:
                continue
        if stripped.startswith("```") or block.startswith("    "):
            out.append(f"<pre>{text(stripped.strip('`'))}</pre>")
        else:
            out.append(f"<p>{text(' '.join(stripped.split()))}</p>")
    return "".join(out)
