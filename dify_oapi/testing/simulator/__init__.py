"""A loopback Dify chatflow server for examples, end-to-end tests and benchmarks.

It answers the 15 chatflow Service API routes the way Dify 1.14.2 does on the wire (status
codes, error bodies, SSE framing, event order, pings, per-``user`` scoping), so the client can
be exercised over real sockets without a Dify instance. Faults that a real deployment produces
only occasionally (resets, gateway pages, cut or stalled streams, failed runs) can be injected
per route, and answers can be scripted. Standard library only; ``python -m
dify_oapi.testing.simulator`` starts it.

The core (``App.handle(request) -> reply``) does no I/O, so its fidelity is testable without
sockets; ``server`` is the one module that touches them:

- ``wire``: ``Request``, ``Reply``, ``Pause`` and Dify's JSON encodings
- ``app``: routing, the API-key check, recorded requests, faults, scripted answers
- ``chatflow``, ``conversation``, ``annotation``, ``app_settings`` (the ``app`` resource),
  ``feedback``, ``file``: one handler per client API, named like it
- ``state``: conversations, messages, variables, annotations, jobs
- ``run``: one simulated run, its events, order and outcomes
- ``errors``: Dify's error bodies and the checks that raise them
- ``faults``: the typed faults and the table that injects them
- ``server``: the threading HTTP server and the SSE writer
- ``loopback``: ``Simulator``, the app on a port, and ``main``
"""

from .app import App, RecordedRequest
from .faults import Fault
from .loopback import Simulator, main
from .run import Answer
from .wire import Pause, Reply, Request

__all__ = ["Answer", "App", "Fault", "Pause", "RecordedRequest", "Reply", "Request", "Simulator", "main"]
