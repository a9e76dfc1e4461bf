"""The GOV.UK Design System in Django forms: field markup, error states and the error summary."""
