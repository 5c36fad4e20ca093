"""Helpers that ship with the package for tests, examples and benchmarks.

``dify_oapi.testing.simulator`` is a loopback Dify chatflow server (``Simulator``,
``Fault``); ``dify_oapi.testing.sse`` builds and splits SSE byte streams. Neither is
imported here, so ``python -m dify_oapi.testing.simulator`` runs without a warning.
"""
