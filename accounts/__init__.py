"""Organisations (CPS Areas, police forces, RASSO units), users, roles and the one rule scoping what a user sees."""
