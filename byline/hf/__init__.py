"""The corpus as a Hugging Face dataset folder: build, check, card, publish."""
