"""The RASSO success measures: definitions, computation in the database, snapshots and downloads."""
