"""A stand-in for a team's own extractor: the rules baseline, optionally made worse.

    python examples/sample_extractor.py --split test -o predictions.jsonl [--degrade quotes]

`--degrade quotes` drops every quote (to show what a regression looks like in CI).
"""

import argparse
import json

from byline.baselines.rules import predict
from byline.corpus import load_corpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--degrade", choices=["quotes"], default=None)
    args = ap.parse_args()
    with open(args.output, "w", encoding="utf-8") as out:
        for article in load_corpus().split(args.split):
            line = predict(article)
            if args.degrade == "quotes":
                line["quotes"] = []
                for source in line["sources"]:
                    source["quote_ids"] = []
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
