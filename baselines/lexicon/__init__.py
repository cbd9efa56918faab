"""Data package: the word lists the rule-based baseline reads (gazetteer, cues, triggers, titles)."""
