"""HSDS 3.0 interchange: export and import of the directory, and the objects the API serves.

- `export_json(path_or_stream)`, `export_tabular(folder_or_zip)`: the whole directory.
- `import_hsds(path_or_bytes, …)`: check, then write (or report every problem, writing nothing).
"""
