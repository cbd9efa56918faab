"""A stand-in for a team's own extractor: the rules baseline, optionally made worse.

    python sample_extractor.py INPUTS.jsonl PREDICTIONS.jsonl [--degrade quotes]

INPUTS.jsonl is what `byline inputs --split test` writes (one {"id", "text"} line per article);
PREDICTIONS.jsonl is a Byline submission. Any extractor that keeps this contract (read the
inputs, write one prediction line per id) can replace this file in the GitHub Actions workflow.
`--degrade quotes` drops every quote, to show what a regression looks like in CI.
"""

import argparse
import json

from byline.baselines.rules import predict


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs")
    ap.add_argument("predictions")
    ap.add_argument("--degrade", choices=["quotes"], default=None)
    args = ap.parse_args()
    with open(args.inputs, encoding="utf-8") as src, open(args.predictions, "w", encoding="utf-8") as out:
        for line in src:
            line = predict(json.loads(line))
            if args.degrade == "quotes":
                line["quotes"] = []
                for source in line["sources"]:
                    source["quote_ids"] = []
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
