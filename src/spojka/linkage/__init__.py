"""Identity matching: finding the same person among the records of several organisations.

`matching/` is pure Python with no Django imports, so the normalisation and scoring can run
on a spreadsheet (`match_file`) and in benchmarks without a database.
"""
