"""The `byline` command. Each subcommand is a thin wrapper over a plain function.

Exit status: 0 success, 1 bad input (every problem printed), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from byline import __version__
from byline.problems import BylineInputError
from byline.options import non_negative_int, positive_int, unit_float


def cmd_validate(args: argparse.Namespace) -> int:
    from byline.problems import capped
    from byline.validate import validate_paths

    problems = validate_paths(args.paths, gold_dir=args.gold)
    for line in capped(problems):
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"valid: {', '.join(args.paths)}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from byline.anchors import resolve_draft
    from byline.io import read_json, read_text, write_json
    from byline.options import outputs_differ_from_inputs

    outputs_differ_from_inputs(args.parser, [args.draft, args.text], [("-o", args.output)])
    draft = read_json(args.draft)
    annotation, problems = resolve_draft(draft, read_text(args.text), path=args.draft)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    write_json(args.output, annotation)
    return 0


def cmd_retext(args: argparse.Namespace) -> int:
    from byline.io import read_json, read_text, write_json
    from byline.retext import apply_edits

    stem = args.article[:-5] if args.article.endswith(".json") else args.article
    annotation, text = read_json(stem + ".json"), read_text(stem + ".txt")
    edits = read_json(args.edits)
    new, new_text, problems = apply_edits(annotation, text, edits, path=args.edits)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): nothing written.", file=sys.stderr)
        return 1
    with open(stem + ".txt", "w", encoding="utf-8", newline="") as f:
        f.write(new_text)
    write_json(stem + ".json", new)
    print(f"{stem}: {len(edits)} edit(s) applied, spans moved")
    return 0


def _parse_thresholds(items: list[str], parser: argparse.ArgumentParser) -> dict[str, float]:
    from byline.options import key_values

    return key_values(items, "--fail-under", parser)[1]


def _score_options(args: argparse.Namespace):
    from byline.scoring.run import ScoreOptions

    return ScoreOptions(split=args.split, bootstrap=args.bootstrap, seed=args.seed,
                        quote_threshold=args.quote_threshold, collect_errors=bool(getattr(args, "errors", None)))


def _load_gold(args: argparse.Namespace):
    from byline.gold import load_gold

    return load_gold(args.gold)


def cmd_score(args: argparse.Namespace) -> int:
    from byline.scoring.report import format_json
    from byline.scoring.run import score_submission
    from byline.scoring.tables import leaderboard, score_table
    from byline.scoring.thresholds import check_thresholds

    from byline.options import key_values, outputs_differ_from_inputs

    thresholds = _parse_thresholds(args.fail_under, args.parser)
    if args.create_missing_baseline and not args.baseline:
        args.parser.error("--create-missing-baseline needs --baseline REPORT (where to create it)")
    if args.max_drop and not args.baseline:
        args.parser.error("--max-drop needs --baseline REPORT (the stored report to compare with)")
    key_values(args.max_drop, "--max-drop", args.parser, bare_allowed=True)  # range and duplicates
    outputs_differ_from_inputs(args.parser, [args.predictions, args.baseline, getattr(args, "gold", None)],
                               [("-o", args.output), ("--errors", args.errors)])
    report = score_submission(args.predictions, _load_gold(args), _score_options(args))
    unknown = [k for k in thresholds if k not in report.metrics]
    if unknown:
        args.parser.error(f"--fail-under: unknown metric key(s) {', '.join(unknown)}; "
                          f"keys look like {', '.join(list(report.metrics)[:3])} (see README, 'Metric keys')")
    if args.max_drop:
        keys = [item.rpartition("=")[0] for item in args.max_drop if "=" in item]
        unknown = [k for k in keys if k not in report.metrics]
        if unknown:
            args.parser.error(f"--max-drop: unknown metric key(s) {', '.join(unknown)} (see README, 'Metric keys')")
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.by:
        import json

        from byline.scoring.tables import breakdown_table, by_article_rows, by_type_rows

        rows = (by_article_rows if args.by == "article" else by_type_rows)(report)
        print(json.dumps(rows, indent=1) if args.format == "json" else breakdown_table(rows))
        return 0
    text = {"table": lambda r: score_table(r, args.all_metrics), "json": format_json,
            "markdown": lambda r: leaderboard([(args.system, r)], markdown=True)}[args.format](report)
    print(text)
    if args.errors:
        from byline.io import write_jsonl

        write_jsonl(args.errors, report.errors)
    if args.output:
        Path(args.output).write_text(format_json(report) + "\n", encoding="utf-8")
    failures = check_thresholds(report.metrics, thresholds)
    if not args.baseline:
        _append_summary(args.summary, "### Byline scores\n\n" + leaderboard([(args.system, report)], markdown=True))
    if args.baseline and args.create_missing_baseline and not os.path.exists(args.baseline):
        # First run of a CI job: this run becomes the stored baseline, nothing to compare with yet.
        Path(args.baseline).write_text(format_json(report) + "\n", encoding="utf-8")
        note = f"no stored baseline at {args.baseline}: created it from this run; commit it to track regressions"
        print(note, file=sys.stderr)
        _append_summary(args.summary, f"### Byline: {note}\n\n`{report.signature}`\n")
    elif args.baseline:
        failures += _check_baseline(args, report)
    for f in failures:
        print(f"FAIL: {f}", file=sys.stderr)
    return 1 if failures else 0


def _append_summary(path: str | None, markdown: str) -> None:
    """Append to a step-summary file (GitHub's $GITHUB_STEP_SUMMARY is appended to, never replaced)."""
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(markdown + "\n")


def _check_baseline(args: argparse.Namespace, report) -> list[str]:
    from byline.regression import DEFAULT_MAX_DROP, check_regression
    from byline.scoring.report import Report

    from byline.options import key_values

    bare, per_key = key_values(args.max_drop, "--max-drop", args.parser, bare_allowed=True)
    default = DEFAULT_MAX_DROP if bare is None else bare
    result = check_regression(report, Report.read(args.baseline), per_key, default, args.require_significance)
    print(f"\ncompared with {args.baseline}:", file=sys.stderr)
    print(result.format(), file=sys.stderr)
    _append_summary(args.summary, result.markdown(args.baseline) + f"\n`{report.signature}`\n")
    return result.messages()


def cmd_compare(args: argparse.Namespace) -> int:
    import json

    from byline.scoring.compare import compare_reports
    from byline.scoring.run import score_submission

    gold = _load_gold(args)
    opts = _score_options(args)
    a = score_submission(args.a, gold, opts)
    b = score_submission(args.b, gold, opts)
    result = compare_reports(a, b, args.trials)
    print(json.dumps(result.to_json(), indent=2) if args.format == "json" else result.format_table(args.a, args.b))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from byline.stats import corpus_stats, format_stats

    gold = _load_gold(args)
    if args.diversity:
        from byline.diversity import diversity, format_diversity

        d = diversity(gold)
        print(json.dumps(d, indent=2, ensure_ascii=False) if args.format == "json" else format_diversity(d))
        return 0
    stats = corpus_stats(gold)
    print(json.dumps(stats, indent=2) if args.format == "json" else format_stats(stats))
    return 0


def _needs_datasets() -> bool:
    """build and publish use the datasets 4 API: say so in one line (exit 1), not a traceback."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("datasets")
    except PackageNotFoundError:
        print("byline: build and publish need the 'datasets' package: pip install 'byline[hf]'", file=sys.stderr)
        return False
    if int(found.split(".")[0]) < 4:
        print(f"byline: build and publish need datasets>=4 (found {found}): pip install -U 'byline[hf]'", file=sys.stderr)
        return False
    return True


def cmd_build(args: argparse.Namespace) -> int:
    from byline.corpus import load_corpus
    from byline.hf.build import build, check

    if not _needs_datasets():
        return 1
    corpus = load_corpus(args.corpus)
    if args.check:
        stale = check(corpus, args.out)
        for s in stale:
            print(s, file=sys.stderr)
        if stale:
            print(f"the build in {args.out} is stale: run `byline build {args.out}`", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date with corpus {corpus.version_tag}")
        return 0
    meta = build(corpus, args.out)
    print(f"built {args.out}: {meta['articles']} articles, corpus {corpus.version_tag}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from byline.corpus import load_corpus
    from byline.hf.publish import plan_upload, upload

    if not _needs_datasets():
        return 1
    plan = plan_upload(load_corpus(args.corpus), args.folder, args.repo_id, args.private)
    print(f"would upload {len(plan.files)} files from {plan.folder} to datasets/{plan.repo_id}:")
    for f in plan.files:
        print(f"  {f}")
    if args.dry_run:
        return 0
    print(upload(plan))
    return 0


def cmd_inputs(args: argparse.Namespace) -> int:
    """What an extractor reads: one {"id", "text"} line per article of the split, text byte for byte."""
    from byline.io import write_jsonl

    corpus = _load_gold(args)
    n = write_jsonl(args.output, ({"id": a["id"], "text": a["text"]} for a in corpus.split(args.split)))
    if args.output != "-":
        print(f"wrote {n} articles ({args.split}) to {args.output}", file=sys.stderr)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from byline.release import NEXT_STEPS, apply_release, plan_release

    if bool(args.corpus_version) != bool(args.corpus_changes):
        args.parser.error("--corpus-version and --corpus-changes go together")
    if args.hub_id and not args.repository:
        args.parser.error("--hub-id needs --repository (the card links both)")
    edits = plan_release(args.root, args.package_version, args.corpus_version, args.corpus_changes,
                         args.repository, args.hub_id)
    for e in edits:
        print(f"{'edit' if args.apply else 'would edit'} {e.path}: {e.what}")
    if not args.apply:
        print("nothing written (dry run): add --apply to release")
        return 0
    if not _needs_datasets():
        return 1
    problems = apply_release(args.root, edits)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print("release stopped: fix the problems above", file=sys.stderr)
        return 1
    print(f"rebuilt {Path(args.root) / 'dataset'} and checked it")
    print(NEXT_STEPS.format(v=args.package_version))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from byline.baselines import BASELINES, run
    from byline.io import write_jsonl

    if args.name not in BASELINES:
        args.parser.error(f"unknown baseline {args.name!r}; choose from {', '.join(BASELINES)}")
    reason = BASELINES[args.name].unavailable()
    if reason:
        print(f"baseline {args.name!r} is unavailable: {reason}", file=sys.stderr)
        return 1
    if args.text:
        return _run_on_text(args)
    if args.jobs != 1:
        args.parser.error("--jobs is for --text; a corpus split runs in one process")
    articles = _load_gold(args).split(args.split)
    n = write_jsonl(args.output, run(args.name, articles, progress=sys.stderr.isatty()))
    print(f"wrote {n} predictions to {args.output}", file=sys.stderr)
    return 0


def _run_on_text(args: argparse.Namespace) -> int:
    from byline.io import write_jsonl
    from byline.problems import capped
    from byline.textrun import check_predictions, read_articles, run_texts

    if args.gold:
        args.parser.error("--gold and --text do not go together: --text articles are outside any corpus")
    articles = read_articles(args.text)
    progress = sys.stderr.isatty() and len(articles) >= 20
    preds = list(run_texts(args.name, articles, jobs=args.jobs, progress=progress))
    problems = check_predictions(preds, articles, f"<{args.name} predictions>")
    for line in capped(problems):
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the predictions: nothing written.", file=sys.stderr)
        return 1
    n = write_jsonl(args.output, preds)
    print(f"wrote {n} predictions to {args.output}", file=sys.stderr)
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from byline.options import outputs_differ_from_inputs
    from byline.viewer import view

    outputs_differ_from_inputs(args.parser, [args.predictions, args.gold], [("-o", args.output)])
    page, report = view(args.predictions, gold=_load_gold(args), split=args.split, bootstrap=args.bootstrap,
                        seed=args.seed, quote_threshold=args.quote_threshold)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(page)
    print(f"wrote {args.output}: {report.n_documents} articles, {len(report.errors)} errors, "
          f"{len(report.matches)} matches", file=sys.stderr)
    return 0


def cmd_benchmark(args: argparse.Namespace) -> int:
    from pathlib import Path

    from byline.baselines import DEFAULT_BENCHMARK
    from byline.benchmark import format_markdown, format_table, replace_leaderboard, run_benchmark

    entries = run_benchmark(_load_gold(args), _score_options(args), names=args.baselines or DEFAULT_BENCHMARK,
                            progress=sys.stderr.isatty())
    if args.update_scores:
        from byline.benchmark import scores_record
        Path(args.update_scores).write_text(scores_record(entries), encoding="utf-8")
        print(f"updated {args.update_scores}", file=sys.stderr)
    if args.update_readme:
        path = Path(args.update_readme)
        path.write_text(replace_leaderboard(path.read_text(encoding="utf-8"), format_markdown(entries)), encoding="utf-8")
        print(f"updated the leaderboard in {path}", file=sys.stderr)
    print(format_markdown(entries) if args.format == "markdown" else format_table(entries))
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    import json

    from byline.agreement import agreement, load_pair, write_agreement

    reference, other = load_pair(args.reference, args.other)
    result = agreement(reference, other, bootstrap=args.bootstrap)
    if args.output:
        write_agreement(result, args.output)
    print(json.dumps({k: result[k] for k in ("articles", "test_articles", "signature", "f1")}, indent=2))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from byline import history

    if args.action == "add":
        if not args.report:
            args.parser.error("history add needs a REPORT (a JSON report from byline score -o)")
        entry = history.add(args.history, args.report, args.label)
        print(f"added {entry['label']} to {args.history}")
        return 0
    entries = history.load(args.history)
    keys = args.metrics or history.default_keys(entries)
    print(history.format_trend(entries, keys))
    if args.plot:
        try:
            history.plot(entries, keys, args.plot)
        except ImportError:
            print("--plot needs matplotlib: pip install 'byline[plot]'", file=sys.stderr)
            return 2
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from byline.bridges import export
    from byline.bridges.spacy import available

    if args.format == "spacy" and not available():
        print("byline: export --format spacy needs spaCy: pip install 'byline[spacy]'", file=sys.stderr)
        return 1
    result = export(args.format, _load_gold(args).split(args.split), args.output)
    print(result.summary(), file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from byline.bridges.importing import write_articles

    defaults = {"language": args.language, "provenance": args.provenance, "license": args.license,
                "published": args.published, "beat": args.beat, "split": args.split}
    if args.format == "brat":
        from byline.bridges.brat import read_brat as read
    else:
        from byline.bridges.label_studio import read_label_studio as read
    articles = read(args.path, {k: v for k, v in defaults.items() if v is not None})
    written = write_articles(articles, args.output)
    print(f"imported {len(articles)} article(s) into {', '.join(written)}", file=sys.stderr)
    return 0


def _add_scoring_options(p: argparse.ArgumentParser) -> None:
    from byline.scoring.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED
    from byline.scoring.quotes import QUOTE_THRESHOLD

    p.add_argument("--gold", metavar="DIR", help="corpus folder or built dataset folder (default: the bundled corpus)")
    p.add_argument("--split", default="test", choices=["train", "validation", "test", "all"], help="gold split (default test)")
    p.add_argument("--bootstrap", type=non_negative_int, default=DEFAULT_RESAMPLES, metavar="N",
                   help=f"bootstrap resamples over documents (default {DEFAULT_RESAMPLES}; 0 = no intervals)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED}; 0 is a real seed)")
    p.add_argument("--quote-threshold", type=unit_float, default=QUOTE_THRESHOLD, metavar="F1",
                   help=f"content token-F1 a quote pair needs (default {QUOTE_THRESHOLD})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="byline", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a corpus folder, article files or a submission")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="corpus folder, article .json, or submission .jsonl ('-' for stdin)")
    p.add_argument("--gold", metavar="DIR", help="corpus that a submission refers to (default: bundled)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("score", help="score a submission (.jsonl) against gold")
    p.add_argument("predictions", help="submission .jsonl ('-' for stdin)")
    _add_scoring_options(p)
    p.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    p.add_argument("--system", default="system", help="system name for --format markdown")
    p.add_argument("--all-metrics", action="store_true", help="table: every scheme, not only the headline metrics")
    p.add_argument("--by", choices=["article", "type"],
                   help="print headline F1 per article, or P/R/F1 per entity type, event type and source kind")
    p.add_argument("--fail-under", action="append", metavar="KEY=VALUE",
                   help="exit 1 if metric KEY is below VALUE (repeatable), e.g. entities.strict.f1=0.8")
    p.add_argument("--errors", metavar="FILE", help="write every false positive and false negative as JSONL")
    p.add_argument("--baseline", metavar="REPORT", help="stored JSON report to compare with (same signature required)")
    p.add_argument("--max-drop", action="append", metavar="[KEY=]DROP",
                   help="largest allowed fall of a metric against --baseline (default 0.01; repeatable, per key)")
    p.add_argument("--require-significance", action="store_true",
                   help="with --baseline: fail only on drops the paired bootstrap finds significant (p < 0.05)")
    p.add_argument("--create-missing-baseline", action="store_true",
                   help="with --baseline: if REPORT does not exist, write this run there and pass (a CI job's first run)")
    p.add_argument("--summary", metavar="FILE",
                   help="append a markdown summary (the comparison with --baseline) to FILE, e.g. $GITHUB_STEP_SUMMARY")
    p.add_argument("-o", "--output", metavar="FILE", help="also write the report as JSON to FILE")
    p.set_defaults(func=cmd_score, parser=p)

    p = sub.add_parser("compare", help="paired significance tests between two submissions")
    p.add_argument("a", help="submission A (.jsonl)")
    p.add_argument("b", help="submission B (.jsonl)")
    _add_scoring_options(p)
    p.add_argument("--trials", type=positive_int, default=10000, help="approximate randomisation trials (default 10000)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("release", help="maintainer: bump versions, write the CHANGELOG entry, rebuild and check dataset/")
    p.add_argument("--package-version", required=True, metavar="X.Y.Z", help="the new package version")
    p.add_argument("--corpus-version", metavar="X.Y", help="a new corpus version (a data change is a new version)")
    p.add_argument("--corpus-changes", metavar="TEXT", help="the corpus history line for --corpus-version")
    p.add_argument("--repository", metavar="URL", help="the public repository, once it exists ([project.urls], card, CITATION)")
    p.add_argument("--hub-id", metavar="ORG/NAME", help="the Hugging Face dataset id, once published")
    p.add_argument("--root", default=".", help="the Byline checkout (default: the current folder)")
    p.add_argument("--apply", action="store_true", help="write the changes (default: only list them)")
    p.set_defaults(func=cmd_release, parser=p)

    p = sub.add_parser("inputs", help="write a split's articles as {id, text} JSONL, the input of an extractor")
    p.add_argument("--gold", metavar="DIR", help="corpus folder or built dataset folder (default: the bundled corpus)")
    p.add_argument("--split", default="test", choices=["train", "validation", "test", "all"], help="split (default test)")
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="where to write (default stdout)")
    p.set_defaults(func=cmd_inputs)

    p = sub.add_parser("run", help="run a baseline and write its predictions as a submission")
    p.add_argument("name", help="baseline: rules, learned, ranker, spacy or chat")
    p.add_argument("--split", default="test", choices=["train", "validation", "test", "all"])
    p.add_argument("--gold", metavar="DIR", help="corpus folder or built dataset folder (default: the bundled corpus)")
    p.add_argument("--text", nargs="+", metavar="FILE_OR_DIR",
                   help="run on raw .txt files (a folder: its .txt files) instead of a split; ids from file names")
    p.add_argument("--jobs", type=positive_int, default=1, metavar="N", help="with --text: worker processes (default 1)")
    p.add_argument("-o", "--output", default="-", help="predictions file (default: stdout)")
    p.set_defaults(func=cmd_run, parser=p)

    p = sub.add_parser("view", help="write a self-contained HTML page of spans marked as the scorer counted them")
    p.add_argument("predictions", help="submission .jsonl ('-' for stdin)")
    _add_scoring_options(p)
    p.add_argument("-o", "--output", required=True, metavar="HTML", help="the page to write")
    p.set_defaults(func=cmd_view, parser=p)

    p = sub.add_parser("benchmark", help="score every available baseline on a split and print one table")
    _add_scoring_options(p)
    p.add_argument("--baselines", nargs="+", metavar="NAME", help="which baselines (default: all available)")
    p.add_argument("--format", choices=["table", "markdown"], default="table")
    p.add_argument("--update-readme", metavar="README", help="rewrite the leaderboard block of this README")
    p.add_argument("--update-scores", metavar="JSON", help="write every metric of every baseline, with signatures")
    p.set_defaults(func=cmd_benchmark)

    p = sub.add_parser("agreement", help="inter-annotator agreement: F1 of one annotation against another")
    p.add_argument("reference", help="corpus folder with the first annotation")
    p.add_argument("other", help="corpus folder with the second annotation of some of the same articles")
    p.add_argument("--bootstrap", type=non_negative_int, default=1000)
    p.add_argument("-o", "--output", help="write the full result as JSON (e.g. corpus/agreement.json)")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("history", help="keep and show a local history of score reports")
    p.add_argument("action", choices=["add", "show"])
    p.add_argument("report", nargs="?", help="for add: a JSON report (byline score -o REPORT)")
    p.add_argument("--history", default="byline-history.jsonl", help="history file (default byline-history.jsonl)")
    p.add_argument("--label", help="for add: a name for this entry (default: the report's file name)")
    p.add_argument("--metrics", nargs="+", metavar="KEY", help="for show: which metrics (default: headline F1s)")
    p.add_argument("--plot", metavar="PNG", help="for show: also draw the trend to a PNG (needs matplotlib)")
    p.set_defaults(func=cmd_history, parser=p)

    p = sub.add_parser("stats", help="counts of articles, annotations and phenomena, per split")
    p.add_argument("--gold", metavar="DIR", help="corpus folder or built dataset folder (default: the bundled corpus)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--diversity", action="store_true",
                   help="length bands, phenomenon rates per article, cue words and shared six-word phrases")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("build", help="write the corpus as a Hugging Face dataset folder")
    p.add_argument("out", nargs="?", default="dataset", help="output folder (default: dataset)")
    p.add_argument("--corpus", metavar="DIR", help="corpus folder (default: the bundled corpus)")
    p.add_argument("--check", action="store_true", help="exit 1 if OUT differs from a fresh build")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("publish", help="upload a built dataset folder to the Hugging Face Hub (network)")
    p.add_argument("--repo-id", required=True, metavar="ORG/NAME")
    p.add_argument("--folder", default="dataset", help="built folder (default: dataset)")
    p.add_argument("--corpus", metavar="DIR", help="corpus folder (default: the bundled corpus)")
    p.add_argument("--private", action="store_true")
    p.add_argument("--dry-run", action="store_true", help="list what would be sent and stop")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("export", help="write the gold in another format: CoNLL, HF token classification, spaCy, brat")
    p.add_argument("--format", required=True, choices=["conll", "hf-tokens", "spacy", "brat"])
    p.add_argument("--split", default="test", choices=["train", "validation", "test", "all"], help="gold split (default test)")
    p.add_argument("--gold", metavar="DIR", help="corpus folder or built dataset folder (default: the bundled corpus)")
    p.add_argument("-o", "--output", required=True, metavar="PATH",
                   help="file (conll, hf-tokens: also PATH.labels.json, spacy) or new folder (brat)")
    p.set_defaults(func=cmd_export, parser=p)

    p = sub.add_parser("import", help="read brat standoff or a Label Studio JSON export into Byline articles")
    p.add_argument("--format", required=True, choices=["brat", "label-studio"])
    p.add_argument("path", help="brat: folder of .txt/.ann pairs or one .ann; label-studio: the JSON export")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="a new corpus folder, or ID.json for one article (its text to ID.txt beside it)")
    meta = p.add_argument_group("metadata for articles that carry none (brat without ID.meta.json, tasks without data.byline_meta)")
    meta.add_argument("--split", choices=["train", "validation", "test"])
    meta.add_argument("--published", metavar="DATE", help="ISO 8601 date")
    meta.add_argument("--beat", help="one of the beats of the schema")
    meta.add_argument("--license", metavar="SPDX", help="licence of the text")
    meta.add_argument("--language", default="en", help="default en")
    meta.add_argument("--provenance", default="contributed", choices=["seed", "composed", "contributed"])
    p.set_defaults(func=cmd_import, parser=p)

    p = sub.add_parser("resolve", help="authoring aid: turn a draft's anchor spans into offsets")
    p.add_argument("draft", help="draft annotation whose spans are anchor strings (see byline/anchors.py)")
    p.add_argument("--text", required=True, help="the article's raw text file")
    p.add_argument("-o", "--output", default="-", help="where to write the annotation (default stdout)")
    p.set_defaults(func=cmd_resolve, parser=p)

    p = sub.add_parser("retext", help="maintainer aid: edit an annotated article's text and move its spans")
    p.add_argument("article", help="the article's .json (its .txt beside it); both are rewritten")
    p.add_argument("edits", help='JSON list of {"find": ANCHOR, "replace": TEXT} (anchors as in resolve)')
    p.set_defaults(func=cmd_retext)
    return parser


def _tolerant_stdout() -> None:
    """On a stdout whose encoding is not UTF-8 (PYTHONIOENCODING=latin-1, an old console), print
    what it cannot hold as \\u escapes rather than fail. JSON written to '-' is UTF-8 regardless
    (byline.io writes it to the byte stream)."""
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding != "utf8" and hasattr(out, "reconfigure"):
        try:
            out.reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass


def main(argv: list[str] | None = None) -> int:
    _tolerant_stdout()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BylineInputError as e:
        from byline.problems import capped

        for line in capped(e.problems):
            print(line, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `byline ... | head` closed the pipe: stop quietly, as cat does
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ModuleNotFoundError as e:
        if e.name and e.name.split(".")[0] in ("datasets", "huggingface_hub", "matplotlib", "spacy"):
            extra = {"datasets": "hf", "huggingface_hub": "hf", "matplotlib": "plot", "spacy": "spacy"}[e.name.split(".")[0]]
            print(f"byline: this command needs {e.name.split('.')[0]}: pip install 'byline[{extra}]'", file=sys.stderr)
            return 1
        raise
    except OSError as e:  # a file that cannot be read or written: say which, no traceback
        print(f"byline: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
