"""Dates: instants and calendar arithmetic, the dates a spec implies, and its timeline.

Everything here is computed from a spec alone, without evidence; the spec loader, the engine
and the comparison of documents all read it.
"""
