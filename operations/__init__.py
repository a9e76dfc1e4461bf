"""Running the service: backing up and restoring its database (``make backup`` / ``make restore``)."""
