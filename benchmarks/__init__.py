"""The performance benchmark: see docs/performance.md."""
