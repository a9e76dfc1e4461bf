"""A deterministic synthetic population for demonstrations and benchmarks, and one demo user per role."""
