"""Reminders raised at a due time and delivered once, and the in-app notifications they become."""
