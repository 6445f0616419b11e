"""Views: rendering engine results as terminal tables (and later HTML and the dashboard)."""
