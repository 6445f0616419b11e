"""The engine: time, resolution of dates, and (later) evaluation of evidence against specs."""
