"""Benchmarks: dify_oapi against the raw-httpx code a user would write by hand (``python -m benchmarks``)."""
