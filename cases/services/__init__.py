"""Every write to a case record: pages and API call these, and nothing else changes the journey."""
