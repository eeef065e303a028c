"""Machine interfaces of Spojka (no language prefix, no login): the read-only HSDS 3.0 API."""
