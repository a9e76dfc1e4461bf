"""Shared page and API machinery, for every app and no app's in particular: step pages, the API's actor and act,
how refusals are answered, bounded pagination, the bounded JSON parser and the bounded ``__in`` lookup."""
