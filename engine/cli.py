"""The `entente` command line. The one error boundary of the program lives here.

Exit codes: 0 ran and nothing at or above --fail-on; 1 something at or above it;
2 bad input or usage; 3 internal error (--debug shows the traceback); 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import click

from . import __version__
from .errors import (EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, SEVERITIES, Diagnostic,
                     EntenteError, gather, raise_if)

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def default_dir(env: str, name: str) -> Path:
    """--policies / --profiles default: $ENV, else ./NAME, else the copy next to the installed package."""
    if os.environ.get(env):
        return Path(os.environ[env])
    local = Path(name)
    if local.is_dir():
        return local
    return PACKAGE_ROOT / name


@dataclass
class Settings:
    policies: Path
    profiles: Path
    debug: bool

    def pack(self):
        from .pack import load_pack

        return load_pack(self.policies)

    def library(self, vocabulary):
        from .library import Library

        return Library(self.profiles, vocabulary)


class EntenteGroup(click.Group):
    """A click group whose ``main`` is the program's single error boundary."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv or os.environ.get("ENTENTE_DEBUG") == "1"
        try:
            code = super().main(args=argv, prog_name=prog_name or "entente", standalone_mode=False, **extra)
        except EntenteError as exc:
            click.echo(exc.render(), err=True)
            code = exc.exit_code
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = EXIT_INPUT
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("entente: interrupted", err=True)
            code = EXIT_INTERRUPTED
        except Exception as exc:  # the boundary: anything else is a bug in entente
            if debug:
                traceback.print_exc()
            click.echo(f"entente: internal error: {type(exc).__name__}: {exc}", err=True)
            if not debug:
                click.echo("  help: run again with --debug for the traceback, and report it", err=True)
            code = EXIT_INTERNAL
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=EntenteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="entente")
@click.option("--policies", type=click.Path(path_type=Path), default=None,
              help="Policy pack folder (default: $ENTENTE_POLICIES, else ./policies).")
@click.option("--profiles", type=click.Path(path_type=Path), default=None,
              help="Profile library folder with partners/ and forums/ (default: $ENTENTE_PROFILES, else ./profiles).")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, policies: Path | None, profiles: Path | None, debug: bool) -> None:
    """Vet proposed policy moves against partner profiles with the doctrine of entente diplomacy."""
    ctx.obj = Settings(policies or default_dir("ENTENTE_POLICIES", "policies"),
                       profiles or default_dir("ENTENTE_PROFILES", "profiles"), debug)


FAIL_ON = list(SEVERITIES) + ["none"]


def _today(value: str | None) -> dt.date:
    if value is None:
        env = os.environ.get("ENTENTE_TODAY")
        value = env if env else None
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise EntenteError([Diagnostic("--today", 0, 0, f"'{value}' is not an ISO date",
                                       "write the date as YYYY-MM-DD")]) from None


@cli.command()
@click.argument("proposals", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--partner", "partner_ref", metavar="ID_OR_FILE", help="Assess against this partner instead of the proposal's.")
@click.option("--partners", "partners_ref", metavar="all|ID,ID", help="Assess against every library partner, or these.")
@click.option("--forum", "forum_ref", metavar="ID_OR_FILE", help="Assess in this forum instead of the proposal's.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="jsonl: one assessment per line, in a stable order.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="high", show_default=True,
              help="Exit 1 when a finding is at or above this severity ('none': never).")
@click.option("--today", metavar="DATE", help="Reference date for profile staleness (default: today; $ENTENTE_TODAY).")
@click.option("--max-age", type=click.IntRange(min=1), default=365, show_default=True, metavar="DAYS",
              help="A profile older than this is stale and lowers confidence.")
@click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Worker processes for several proposals (0: one per core).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to this file (atomically).")
@click.option("--explain", "with_explain", is_flag=True, help="Add a why / why-not trace for every policy.")
@click.option("--waivers", "waivers_path", type=click.Path(path_type=Path),
              help="A YAML file of accepted risks (policy, partner/proposal, reason, owner, expires).")
@click.option("--no-waivers", is_flag=True, help="Ignore --waivers: show and count every finding.")
@click.option("--suggest", "with_suggest", is_flag=True,
              help="Per finding: the smallest edits to the proposal that clear it.")
@click.pass_obj
def vet(settings: Settings, proposals, partner_ref, partners_ref, forum_ref, fmt, fail_on, today, max_age, jobs,
        output, with_explain, waivers_path, no_waivers, with_suggest) -> int:
    """Assess PROPOSALS (YAML files, or folders of them) against the partners they concern."""
    from .assess import SEVERITY_ORDER, Options, engine_for
    from .render import json_out, text

    options = Options(today=_today(today), max_age_days=max_age)
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    partner_refs = None
    if partners_ref:
        partner_refs = library.partner_ids() if partners_ref == "all" else [p.strip() for p in partners_ref.split(",")]
    files = [f for p in proposals for f in (sorted(p.glob("*.yaml")) if p.is_dir() else [p])]
    resolved = _load_proposals(files, pack, library, partner_ref, forum_ref, partner_refs)
    waivers = _load_waivers(waivers_path, no_waivers, pack)
    engine = engine_for(pack)
    results, crashed = _assess_all(engine, resolved, options, jobs)
    waiver_reports = _apply_waivers(results, waivers, options)
    if fmt == "jsonl":
        rendered = json_out.render_lines(results)
    else:
        rendered = (json_out if fmt == "json" else text).render(results)
    if with_suggest:
        rendered = _with_suggestions(rendered, fmt, engine, resolved, options)
    if with_explain:
        traces = [_explanations(pack, r, None, fmt) for _, r in resolved]
        if fmt == "json":
            import json

            docs = json.loads(rendered)
            docs = docs if isinstance(docs, list) else [docs]
            for doc, trace in zip(docs, traces):
                doc["explanations"] = json.loads(trace)["partners"]
            rendered = json_out.dumps(docs[0] if len(docs) == 1 else docs)
        else:
            rendered += "\nWhy each policy fired or stayed silent\n\n" + text.inert("".join(traces))
    if output is not None:
        from .fsutil import write_atomic

        write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    for warning in dict.fromkeys(text.staleness_warnings(results, options)):
        click.echo(warning, err=True)
    for line in waiver_reports:
        click.echo(f"warning: {line}", err=True)
    for path, reason in crashed:
        click.echo(f"error: {path}: the evaluation core crashed ({reason}); the other proposals were assessed", err=True)
    if crashed:
        return EXIT_INTERNAL
    if fail_on == "none":
        return EXIT_OK
    threshold = SEVERITY_ORDER[fail_on]
    highest = [SEVERITY_ORDER[h] for h in (r.highest() for r in results) if h is not None]
    return EXIT_FINDINGS if highest and max(highest) >= threshold else EXIT_OK


def _load_proposals(paths, pack, library, partner_ref=None, forum_ref=None, partner_refs=None):
    """(path, resolved proposal) for each file; every problem in every file raised at once."""
    from . import source
    from .library import resolve
    from .load import validate
    from .models import Proposal

    def one(path):
        doc = source.load(path)
        proposal = validate(doc, Proposal, pack.vocabulary, "a proposal")
        return path, resolve(proposal, doc, library, partner_ref=partner_ref, forum_ref=forum_ref,
                             partner_refs=partner_refs)

    resolved, problems = gather(paths, one)
    raise_if(problems)
    return resolved


@cli.command()
@click.argument("proposal", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the note here (atomically); needed for PDF.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "pdf"]), default=None,
              help="Default: from the output file's extension (.md, .html, .pdf), else markdown.")
@click.option("--template", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Your own Jinja2 template (rendered in a sandbox; see engine/templates/).")
@click.option("--marking", default=None, help="Handling marking at the top of the note.")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), default="A4", show_default=True)
@click.option("--partner", "partner_ref", metavar="ID_OR_FILE", help="Assess against this partner instead of the proposal's.")
@click.option("--forum", "forum_ref", metavar="ID_OR_FILE", help="Assess in this forum instead of the proposal's.")
@click.option("--today", metavar="DATE", help="Date of the note and reference for staleness (default: today).")
@click.option("--max-age", type=click.IntRange(min=1), default=365, show_default=True, metavar="DAYS")
@click.option("--waivers", "waivers_path", type=click.Path(path_type=Path), help="Accepted risks: shown as waived.")
@click.pass_obj
def brief(settings: Settings, proposal, output, fmt, template, marking, paper, partner_ref, forum_ref, today,
          max_age, waivers_path) -> int:
    """A briefing-ready risk note for PROPOSAL: bottom line first, then reasons and mitigations."""
    from .assess import Options, engine_for
    from .brief import DEFAULT_MARKING, build_note
    from .render.brief_out import render

    if fmt is None:
        suffix = output.suffix.lower() if output else ""
        fmt = {".html": "html", ".htm": "html", ".pdf": "pdf"}.get(suffix, "markdown")
    if fmt == "pdf" and output is None:
        raise EntenteError([Diagnostic("--format pdf", 0, 0, "a PDF needs an output file",
                                       "add -o note.pdf")])
    options = Options(today=_today(today), max_age_days=max_age)
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    (_, resolved), = _load_proposals([proposal], pack, library, partner_ref, forum_ref)
    engine = engine_for(pack)
    result = engine.assess(resolved, options)
    for line in _apply_waivers([result], _load_waivers(waivers_path, False, pack), options):
        click.echo(f"warning: {line}", err=True)
    note = build_note(resolved, result, engine, library, options, marking or DEFAULT_MARKING)
    rendered = render(note, fmt, template, paper.upper() if paper.lower() == "a4" else "Letter")
    data = rendered
    if fmt == "pdf":
        from .pdf import html_to_pdf

        data = html_to_pdf(rendered)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        from .fsutil import write_atomic

        write_atomic(output, data)
        click.echo(f"wrote {output} ({fmt})", err=True)
    return EXIT_OK


@cli.command("explain")
@click.argument("proposal", type=click.Path(path_type=Path))
@click.option("--policy", "policy_ids", multiple=True, metavar="ID", help="Explain only this policy (repeatable).")
@click.option("--partner", "partner_ref", metavar="ID_OR_FILE", help="Assess against this partner instead of the proposal's.")
@click.option("--forum", "forum_ref", metavar="ID_OR_FILE", help="Assess in this forum instead of the proposal's.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def explain_cmd(settings: Settings, proposal, policy_ids, partner_ref, forum_ref, fmt) -> int:
    """Why each policy fired or stayed silent: its condition with every comparison's actual value."""
    pack = settings.pack()
    _check_policy_ids(policy_ids, pack)
    library = settings.library(pack.vocabulary)
    (_, resolved), = _load_proposals([proposal], pack, library, partner_ref, forum_ref)
    click.echo(_explanations(pack, resolved, list(policy_ids) or None, fmt), nl=False)
    return EXIT_OK


@cli.command()
@click.argument("proposal", type=click.Path(path_type=Path))
@click.option("--set", "assignments", multiple=True, metavar="FIELD=VALUE",
              help="Change an assumption: partner.hedging=aligned, partner.stances.human_rights=aligned, "
                   "proposal.asks=[crisis_support] (repeatable).")
@click.option("--sweep", "sweep_path", metavar="FIELD", help="Try every value a field allows, e.g. partner.hedging.")
@click.option("--partner", "partner_ref", metavar="ID_OR_FILE", help="Assess against this partner instead of the proposal's.")
@click.option("--forum", "forum_ref", metavar="ID_OR_FILE", help="Assess in this forum instead of the proposal's.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--today", metavar="DATE", help="Reference date for profile staleness.")
@click.pass_obj
def whatif(settings: Settings, proposal, assignments, sweep_path, partner_ref, forum_ref, fmt, today) -> int:
    """How fragile are the findings? Change assumptions, or sweep a field, and see what changes."""
    from . import whatif as W
    from .assess import Options, engine_for

    if not assignments and not sweep_path:
        raise EntenteError([Diagnostic("whatif", 0, 0, "nothing to change",
                                       "add --set FIELD=VALUE (repeatable) and/or --sweep FIELD")])
    options = Options(today=_today(today))
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    (_, base), = _load_proposals([proposal], pack, library, partner_ref, forum_ref)
    engine = engine_for(pack)
    baseline = W.assess_all(engine, base, options)
    names = {p.id: p.name for p in base.partners}
    changed = W.apply(base, list(assignments), pack.vocabulary) if assignments else base
    out_json: dict = {"proposal": base.proposal.id,
                      "baseline": [{"partner": a.partner, "findings": [f.id for f in a.findings]} for a in baseline]}
    lines: list[str] = []
    if assignments:
        changes = W.compare(baseline, W.assess_all(engine, changed, options))
        out_json["set"] = list(assignments)
        out_json["changes"] = W.change_json(changes)
        lines += [f"what if {' '.join('--set ' + a for a in assignments)}:"] + \
                 [f"  {line}" for line in W.change_lines(changes, names)]
    if sweep_path:
        values = W.sweep_values(changed, sweep_path, pack.vocabulary)
        rows, appear = [], {}
        for value in values:
            variant = W.apply(changed, [f"{sweep_path}={_yaml_scalar(value)}"], pack.vocabulary)
            assessed = W.assess_all(engine, variant, options)
            rows.append((value, W.compare(baseline, assessed)))
            for a in assessed:
                for f in a.findings:
                    appear.setdefault((a.partner, f.id, f.severity), []).append(value)
        tipping = [(partner, fid, sev, vals) for (partner, fid, sev), vals in appear.items() if len(vals) < len(values)]
        out_json["sweep"] = {"field": sweep_path, "values": [
            {"value": v, "changes": W.change_json(c)} for v, c in rows],
            "tipping_points": [{"partner": p, "id": i, "severity": s, "appears_at": v} for p, i, s, v in tipping]}
        if lines:
            lines.append("")
        lines.append(f"sweep {sweep_path} (changes against the baseline):")
        width = max(len(_yaml_scalar(v)) for v in values)
        for value, changes in rows:
            for k, line in enumerate(W.change_lines(changes, names)):
                lines.append(f"  {_yaml_scalar(value) if k == 0 else '':<{width}}  {line}")
        lines.append("tipping points:" if tipping else "tipping points: none (no value changes the findings)")
        lines += [f"  {fid} ({sev}) for {names[p]} appears at: {', '.join(map(_yaml_scalar, v))}"
                  for p, fid, sev, v in tipping]
    if fmt == "json":
        from .render.json_out import dumps

        click.echo(dumps(out_json), nl=False)
    else:
        from .render.text import inert

        click.echo(inert("\n".join(lines)))
    return EXIT_OK


def _yaml_scalar(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _with_suggestions(rendered: str, fmt: str, engine, resolved, options) -> str:
    """Add, per finding, the smallest edits to the proposal that clear it."""
    import json

    from .facts import Situation
    from .render import json_out
    from .suggest import suggest

    per = [[(p, suggest(engine, Situation(r.proposal, p, r.forum, engine.pack.vocabulary), options))
            for p in r.partners] for _, r in resolved]
    if fmt == "json":
        docs = json.loads(rendered)
        docs = docs if isinstance(docs, list) else [docs]
        for doc, partners in zip(docs, per):
            found = {p.id: s for p, s in partners}
            for assessment in doc["assessments"]:
                for finding in assessment["findings"]:
                    finding["suggestions"] = [x.as_dict() for x in found[assessment["partner"]].get(finding["id"], [])]
        return json_out.dumps(docs[0] if len(docs) == 1 else docs)
    lines = ["", "What would clear each finding (edits to the proposal only)"]
    for (_, r), partners in zip(resolved, per):
        for partner, found in partners:
            if not found:
                continue
            lines += ["", f"{partner.name} ({r.proposal.id})"]
            for fid, suggestions in found.items():
                lines.append(f"  {fid}:")
                lines += [f"    - {x.advice}" for x in suggestions] or ["    - no edit to the proposal alone clears it"]
    from .render.text import inert

    return rendered + inert("\n".join(lines)) + "\n"


def _check_policy_ids(policy_ids, pack) -> None:
    from .errors import did_you_mean

    known = pack.by_id()
    bad = [Diagnostic("--policy", 0, 0, f"unknown policy '{pid}'", did_you_mean(pid, known, "a policy id"))
           for pid in policy_ids if pid not in known]
    if bad:
        raise EntenteError(bad)


def _explanations(pack, resolved, policy_ids, fmt) -> str:
    from .assess import engine_for
    from .explain import render_text
    from .facts import Situation

    engine = engine_for(pack)
    per_partner = [(p, engine.explain_situation(Situation(resolved.proposal, p, resolved.forum, pack.vocabulary),
                                                policy_ids)) for p in resolved.partners]
    if fmt == "json":
        from .render.json_out import dumps

        return dumps({"proposal": resolved.proposal.id, "partners": [
            {"partner": p.id, "policies": [e.as_dict() for e in explanations]} for p, explanations in per_partner]})
    return "".join(render_text(p.name, explanations) + "\n" for p, explanations in per_partner)


def _load_waivers(path, disabled, pack):
    if path is None or disabled:
        return []
    from .waivers import load_waivers

    return load_waivers(path, pack)


def _apply_waivers(results, waivers, options) -> list[str]:
    if not waivers:
        return []
    from .waivers import apply_waivers

    expired, unused = apply_waivers(results, waivers, options.today)
    return expired + unused


def _assess_all(engine, resolved, options, jobs):
    """Assess (path, resolved) pairs; a batch runs in worker processes so one crash costs one input."""
    if len(resolved) == 1:
        return [engine.assess(resolved[0][1], options)], []
    from .batch import Crashed, Raised, run_isolated, worker_count

    def work(item):
        return engine.assess(item[1], options)

    from .progress import Progress

    with Progress(len(resolved), "vetting") as progress:  # on a terminal, once the work takes a second
        outcomes = run_isolated(work, resolved, worker_count(jobs), progress=progress.update)
    results, crashed = [], []
    for (path, _), outcome in zip(resolved, outcomes):
        if isinstance(outcome, Crashed):
            crashed.append((path, outcome.reason))
        elif isinstance(outcome, Raised):
            raise outcome.error
        else:
            results.append(outcome)
    return results, crashed


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def check(settings: Settings, paths) -> int:
    """Validate the policy pack and profile files; report every error with file:line:col.

    With no PATHS, checks the policy pack and the whole profile library. A folder that
    holds vocabulary.yaml is checked as a policy pack; other folders and files are
    checked as profiles (partners/), forums (forums/) or proposals.
    """
    from .checking import check_paths

    pack_dirs, files = [], []
    for path in paths or [settings.policies, settings.profiles]:
        if path.is_dir() and (path / "vocabulary.yaml").is_file():
            pack_dirs.append(path)
        elif path.is_dir():
            files += sorted(path.rglob("*.yaml"))
        else:
            files.append(path)
    report = check_paths(pack_dirs or [settings.policies], files)
    click.echo(report)
    return EXIT_OK


@cli.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-k", "keyword", metavar="TEXT", help="Run only cases whose file::name contains TEXT.")
@click.option("--coverage", is_flag=True, help="Report per-policy coverage: firing and silent cases, unexercised comparisons.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="With --coverage: exit 1 when total coverage is below PERCENT.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to this file (atomically).")
@click.option("--update", is_flag=True, help="Rewrite failing cases' expectations from current results (review the diff).")
@click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Worker processes (0: one per core).")
@click.pass_obj
def test_cases(settings: Settings, paths, keyword, coverage, threshold, fmt, output, update, jobs) -> int:
    """Run the regression cases under PATHS (default: cases/). Exit 0 all pass, 1 failures, 2 bad case files."""
    from .cases import case_files, load_case_file
    from .render import cases as report

    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    files = case_files(list(paths) or [default_dir("ENTENTE_CASES", "cases")])
    if not files:
        raise EntenteError([Diagnostic(" ".join(map(str, paths)) or "cases", 0, 0, "no case files found",
                                       "pass case files or folders holding *.yaml case files")])
    loaded, problems = gather(files, lambda path: load_case_file(path, pack, library))
    raise_if(problems)
    from .assess import engine_for

    engine = engine_for(pack)
    selected = [c for f in loaded for c in f.cases if not keyword or keyword in c.node_id]
    from .batch import worker_count
    from .cases import run_cases
    from .progress import Progress

    with Progress(len(selected), "running cases") as progress:  # on a terminal, once it takes a second
        outcomes = run_cases(selected, engine, worker_count(jobs), progress=progress.update)
    measured = None
    if coverage or threshold is not None:
        from .coverage import measure

        measured = measure(outcomes, pack)
    if update:
        from .update import update_files

        for path in update_files(outcomes):
            click.echo(f"updated {path}", err=True)
    if fmt == "json":
        from .render.json_out import dumps

        rendered = dumps(report.as_json(outcomes, measured))
    elif fmt == "junit":
        rendered = report.junit(outcomes)
    else:
        rendered = report.text(outcomes, measured)
    if output is not None:
        from .fsutil import write_atomic

        write_atomic(output, rendered)
        click.echo(report.summary(outcomes))
    else:
        click.echo(rendered, nl=False)
    failed = any(o.counts_as_failure for o in outcomes) and not update
    if measured is not None and threshold is not None:
        from .coverage import total_percent

        if total_percent(measured) < threshold:
            click.echo(f"coverage {total_percent(measured):.1f}% is below the threshold {threshold:g}%", err=True)
            failed = True
    return EXIT_FINDINGS if failed else EXIT_OK


@cli.command()
@click.option("--base", required=True, metavar="REV_OR_DIR", help="The pack to compare against: a folder or a git revision.")
@click.option("--cases", "case_paths", multiple=True, type=click.Path(path_type=Path),
              help="Case files or folders (default: cases/).")
@click.option("--examples", "example_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of example proposals (default: examples/).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.pass_obj
def diff(settings: Settings, base, case_paths, example_dir, fmt) -> int:
    """What a policy change does to every case and example: findings added, removed or changed."""
    from . import impact
    from .assess import Engine, Options
    from .cases import case_files, load_case_file
    from .facts import Situation
    from .library import resolve
    from .load import validate
    from .models import Proposal
    from .pack import load_pack
    from . import source

    head = settings.pack()
    library = settings.library(head.vocabulary)
    subjects: list[impact.Subject] = []
    problems: list[Diagnostic] = []
    for path in case_files(list(case_paths) or [default_dir("ENTENTE_CASES", "cases")]):
        try:
            for case in load_case_file(path, head, library).cases:
                subjects.append(impact.Subject(case.node_id, case.situation, Options(today=case.today)))
        except EntenteError as exc:
            problems += exc.diagnostics
    examples = example_dir or default_dir("ENTENTE_EXAMPLES", "examples")
    options = Options(today=_today(None))
    for path in sorted(examples.glob("*.yaml")) if examples.is_dir() else []:
        try:
            doc = source.load(path)
            resolved = resolve(validate(doc, Proposal, head.vocabulary, "a proposal"), doc, library)
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        for partner in resolved.partners:
            subjects.append(impact.Subject(f"{path}::{partner.id}", Situation(resolved.proposal, partner,
                                           resolved.forum, head.vocabulary), options))
    if problems:
        raise EntenteError(problems)
    with impact.temporary_dir() as tmp:
        base_pack = load_pack(impact.base_pack_dir(base, settings.policies, Path(tmp)))
        changes = impact.compare(subjects, Engine(base_pack), Engine(head))
    if fmt == "json":
        from .render.json_out import dumps

        click.echo(dumps(impact.as_json(changes)), nl=False)
    else:
        click.echo((impact.render_markdown if fmt == "markdown" else impact.render_text)(changes), nl=False)
    return EXIT_OK


@cli.group()
def policies() -> None:
    """Browse the policy pack."""


@policies.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def policies_list(settings: Settings, fmt: str) -> int:
    """The catalogue: id, severity and title of every policy."""
    pack = settings.pack()
    if fmt == "json":
        from .render.json_out import dumps

        click.echo(dumps([{"id": p.id, "severity": p.severity, "title": p.title} for p in pack.policies]), nl=False)
        return EXIT_OK
    width = max(len(p.id) for p in pack.policies)
    for p in pack.policies:
        click.echo(f"{p.id:<{width}}  {p.severity:<8}  {p.title}")
    click.echo(f"\n{len(pack.policies)} policies \u00b7 pack {pack.short_digest}")
    return EXIT_OK


@policies.command("show")
@click.argument("policy_id")
@click.pass_obj
def policies_show(settings: Settings, policy_id: str) -> int:
    """Show one policy: its doctrine, condition and message."""
    from .errors import did_you_mean

    pack = settings.pack()
    policy = pack.by_id().get(policy_id)
    if policy is None:
        raise EntenteError([Diagnostic("policies show", 0, 0, f"unknown policy '{policy_id}'",
                                       did_you_mean(policy_id, pack.by_id(), "a policy id"))])
    click.echo(Path(policy.path).read_text(encoding="utf-8"), nl=False)
    return EXIT_OK


@cli.group()
def profiles() -> None:
    """Browse the profile library."""


@profiles.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--today", metavar="DATE", help="Reference date for staleness (default: today; $ENTENTE_TODAY).")
@click.option("--max-age", type=click.IntRange(min=1), default=365, show_default=True, metavar="DAYS")
@click.pass_obj
def profiles_list(settings: Settings, fmt: str, today: str | None, max_age: int) -> int:
    """The library: partners (id, tier, as_of, stale?) and forums (id, kind, members)."""
    from .library import load_all

    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    partners, forums = load_all(library)
    ref = _today(today)

    def stale(p) -> bool:
        return p.as_of is None or (ref - p.as_of).days > max_age

    if fmt == "json":
        from .render.json_out import dumps

        click.echo(dumps({
            "partners": [{"id": p.id, "name": p.name, "tier": p.tier, "as_of": p.as_of.isoformat() if p.as_of else None,
                          "stale": stale(p), "sources": len(p.sources)} for p in partners],
            "forums": [{"id": f.id, "name": f.name, "kind": f.kind, "members": f.members, "scope": f.scope}
                       for f in forums]}), nl=False)
        return EXIT_OK
    width = max([len(p.id) for p in partners] + [len(f.id) for f in forums] + [7])
    click.echo(f"{'partner':<{width}}  {'tier':<36}  {'as_of':<10}  stale")
    for p in partners:
        click.echo(f"{p.id:<{width}}  {p.tier:<36}  {p.as_of.isoformat() if p.as_of else '-':<10}  "
                   f"{'stale' if stale(p) else ''}".rstrip())
    click.echo(f"\n{'forum':<{width}}  {'kind':<12}  members")
    for f in forums:
        click.echo(f"{f.id:<{width}}  {f.kind:<12}  {', '.join(f.members)}")
    click.echo(f"\n{len(partners)} partners, {len(forums)} forums \u00b7 stale: as_of missing or older than {max_age} days "
               f"before {ref.isoformat()}")
    return EXIT_OK


@profiles.command("show")
@click.argument("profile_id")
@click.pass_obj
def profiles_show(settings: Settings, profile_id: str) -> int:
    """Show one partner or forum profile as stored (partners first)."""
    from .errors import did_you_mean

    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    for folder in (library.partners_dir, library.forums_dir):
        path = folder / f"{profile_id}.yaml"
        if path.is_file():
            click.echo(path.read_text(encoding="utf-8"), nl=False)
            return EXIT_OK
    known = library.partner_ids() + library.forum_ids()
    raise EntenteError([Diagnostic("profiles show", 0, 0, f"unknown profile '{profile_id}'",
                                   did_you_mean(profile_id, known, "a partner or forum id"))])


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def facts(fmt: str) -> int:
    """Every fact a policy condition or message may use, with its type and meaning."""
    from .catalogue import render_facts

    click.echo(render_facts(fmt), nl=False)
    return EXIT_OK


@cli.command()
@click.argument("category", required=False)
@click.pass_obj
def vocabulary(settings: Settings, category: str | None) -> int:
    """The vocabulary terms, by category (or the terms of one CATEGORY)."""
    from .errors import did_you_mean

    pack = settings.pack()
    terms = pack.vocabulary.terms
    if category is not None and category not in terms:
        raise EntenteError([Diagnostic("vocabulary", 0, 0, f"unknown category '{category}'",
                                       did_you_mean(category, terms, "a category", list_all=True))])
    for name in [category] if category else sorted(terms):
        click.echo(f"{name}: {', '.join(terms[name])}")
    return EXIT_OK


def main() -> None:
    cli.main()


if __name__ == "__main__":
    main()
