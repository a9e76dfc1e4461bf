"""Victims pages: a case's complainants and their identity (views.complainants), their records (views.records),
letters (views.letters) and the complainant's own view (views.own_view). The identity access log is read in the
administration app (administration.logs)."""
