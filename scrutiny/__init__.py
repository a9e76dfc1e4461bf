"""NFA scrutiny panels: samples of no-further-action decisions, redacted packs and findings."""
