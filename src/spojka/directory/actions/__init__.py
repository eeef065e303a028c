"""Writes of the directory, by concept: each module's functions are the only way data changes."""
