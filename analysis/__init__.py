"""analysis: load, split, tag and score articles about European security."""
