"""Data package: the JSON Schemas and annotation guidelines (see GUIDELINES.md)."""
