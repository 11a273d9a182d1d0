"""Helpers shared by the test suites and the benchmarks (standard library only; fixtures.py, for the pytest suites, needs pytest)."""
