"""Reading and writing files: delivered files (CSV/XLSX, Swedish numbers, encodings), atomic writes,
the processed-table store steps hand tables on through, the results registry and its keys, provenance."""
