"""Organisations (CPS Areas, police forces, RASSO units), users, roles and the one rule that scopes what a user sees."""
