"""Tabular downloads of what the service shows: CSV and XLSX, safe to open in a spreadsheet."""
