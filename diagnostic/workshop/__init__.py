"""Workshops: storage, access, administration, statistics, results, history."""
