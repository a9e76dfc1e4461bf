"""Victims pages: a case's complainants and their identity (views.complainants), their records (views.records),
letters (views.letters) and the identity access log (views.audit)."""
