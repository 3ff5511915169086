"""Outputs: the restored text, a readable edit log, JSON, and a word-level diff."""
