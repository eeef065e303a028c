"""Pure-Python identity matching: name normalisation and comparison; no Django imports here."""
