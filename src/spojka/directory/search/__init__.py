"""Search of the public portal: folding of scripts and diacritics, the index, the ranking."""
