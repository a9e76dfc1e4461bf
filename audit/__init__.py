"""Who took data out of the service: every export and download, append-only (DPA 2018 s.62), and the per-case
history of changes kept by django-simple-history."""
