"""Data package: the bundled Byline corpus (articles/, splits.json, corpus.json)."""
