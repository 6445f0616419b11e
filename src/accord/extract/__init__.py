"""News text to attributed claims, quantities, dates, actors and candidate events (rule based)."""
