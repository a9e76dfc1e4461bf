"""Each role's home page, composed from the other apps' lists; owns no records of its own. Also the health check."""
