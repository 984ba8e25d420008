"""Performance benchmarks (``make perf``): figures printed and written to perf/results.json."""
