"""Evidence: sources, events and claims in a DuckDB store, and importers for real formats."""
