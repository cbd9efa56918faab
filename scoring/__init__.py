"""Scoring a submission against gold: per layer, with signatures and significance."""
