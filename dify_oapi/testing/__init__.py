"""Helpers that ship with the package for tests, examples and benchmarks.

``dify_oapi.testing.simulator`` is a loopback Dify chatflow server (``Simulator``, ``Fault``,
``Answer``; its core ``App`` does no I/O); ``dify_oapi.testing.pytest_plugin`` gives users' tests
a running simulator as a fixture; ``dify_oapi.testing.sse`` builds and splits SSE byte streams.
None is imported here, so ``python -m dify_oapi.testing.simulator`` runs without a warning and
pytest is needed only by the plugin.
"""
