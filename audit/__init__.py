"""Who took data out of the service: every export and download, append-only (DPA 2018 s.62); and the history of every
change to the journey records each app registers here (django-simple-history), read back as a case's history."""
