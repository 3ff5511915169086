"""Adapters for the engines data teams already run: a datatrove step and a Spark recipe (optional extras)."""
