"""Relay a chatflow answer to a browser as it streams: one page, one EventSource.

    pip install 'dify-oapi-chatflow[web]'
    python examples/web/relay.py          # then open http://127.0.0.1:8000

Uses DOMAIN and CHATFLOW_KEY; without DOMAIN it starts the bundled simulator. The browser never sees
the API key or Dify's workflow events (they carry the app's inputs and node outputs): this backend
forwards only the answer deltas and the end of the answer. If the browser goes away mid-answer, the
run is stopped on Dify (``stop_on_close=True``), so it spends no more tokens.

To forward Dify's own bytes instead, return ``stream.iter_bytes()`` from the generator below; the
browser then parses Dify's events itself (``JSON.parse(e.data).event``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import AsyncGenerator, AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from dify_oapi import AsyncStream, Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.events import (
    ChatflowEvent,
    MessageEndEvent,
    MessageEvent,
    MessageReplaceEvent,
)
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.testing.simulator import Simulator

PAGE = """<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Ask the chatflow</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; }
  form { display: flex; gap: .5rem; }
  input { flex: 1; font: inherit; padding: .4rem .6rem; }
  button { font: inherit; padding: .4rem 1rem; }
  #answer { white-space: pre-wrap; margin-top: 1.5rem; min-height: 3rem; }
  #status { color: #666; font-size: .875rem; }
</style>
<h1>Ask the chatflow</h1>
<form id="ask"><input id="q" name="q" autocomplete="off" placeholder="What is Dify?" required autofocus>
<button>Ask</button></form>
<div id="answer"></div>
<div id="status"></div>
<script>
let conversation = "";
const form = document.getElementById("ask");
form.addEventListener("submit", (e) => {
  e.preventDefault();
  const answer = document.getElementById("answer"), status = document.getElementById("status");
  const params = new URLSearchParams({q: document.getElementById("q").value, conversation_id: conversation});
  const source = new EventSource("/ask?" + params);
  answer.textContent = "";
  status.textContent = "waiting for the answer…";
  source.addEventListener("answer", (m) => { status.textContent = ""; answer.textContent += JSON.parse(m.data); });
  source.addEventListener("replace", (m) => { answer.textContent = JSON.parse(m.data); });
  source.addEventListener("end", (m) => {
    conversation = JSON.parse(m.data).conversation_id;
    status.textContent = "conversation " + conversation;
    source.close();  // otherwise EventSource reconnects and asks again
  });
  source.addEventListener("failed", (m) => { status.textContent = "error: " + JSON.parse(m.data); source.close(); });
  source.onerror = () => { if (source.readyState !== EventSource.CLOSED) { status.textContent = "connection lost"; source.close(); } };
});
// A link can carry the question: /?q=What+is+Dify%3F asks it as the page opens.
const asked = new URLSearchParams(location.search).get("q");
if (asked) { document.getElementById("q").value = asked; form.requestSubmit(); }
</script>
</html>
"""


def _sse(event: str, data: object) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def _relay(stream: AsyncStream[ChatflowEvent]) -> AsyncIterator[bytes]:
    try:
        async for event in stream:
            if isinstance(event, MessageEvent):
                yield _sse("answer", event.answer)
            elif isinstance(event, MessageReplaceEvent):
                yield _sse("replace", event.answer)
            elif isinstance(event, MessageEndEvent):
                yield _sse("end", {"conversation_id": event.conversation_id})
    except DifyError as exc:
        yield _sse("failed", str(exc))
    finally:
        # When the browser goes away, Starlette cancels this generator; closing still sends the
        # stop (stop_on_close), which the client shields from that cancellation.
        await stream.aclose()


class Relay:
    """One Client for the app's lifetime; DOMAIN and CHATFLOW_KEY are read when it starts."""

    def __init__(self) -> None:
        self.client: Client | None = None
        self.option: RequestOption | None = None

    @contextlib.asynccontextmanager
    async def lifespan(self, _: Starlette) -> AsyncGenerator[None, None]:
        async with contextlib.AsyncExitStack() as stack:
            domain, key = os.environ.get("DOMAIN"), os.environ.get("CHATFLOW_KEY", "")
            if not domain:
                sim = stack.enter_context(Simulator(chunk_delay=0.05))
                domain, key = sim.url, sim.api_key
                print(f"DOMAIN is not set: relaying the bundled simulator at {domain}", file=sys.stderr)
            self.client = await stack.enter_async_context(Client.builder().domain(domain).build())
            self.option = RequestOption.builder().api_key(key).build()
            yield

    async def page(self, _: Request) -> Response:
        return HTMLResponse(PAGE)

    async def ask(self, request: Request) -> Response:
        if self.client is None or self.option is None:
            return Response("not started", status_code=503)
        body = SendChatMessageRequestBody.builder().query(request.query_params.get("q", "")).user("web-user")
        if conversation_id := request.query_params.get("conversation_id"):
            body.conversation_id(conversation_id)
        chatflow = self.client.chatflow.v1.chatflow
        try:
            chat = SendChatMessageRequest.builder().request_body(body.build()).build()
            stream = await chatflow.asend_chat_message(chat, self.option, True, stop_on_close=True)
        except DifyError as exc:  # refused before the stream began: the page shows the one line
            return StreamingResponse(iter([_sse("failed", str(exc))]), media_type="text/event-stream")
        headers = {"Cache-Control": "no-cache"}
        return StreamingResponse(_relay(stream), media_type="text/event-stream", headers=headers)


def create_app() -> Starlette:
    relay = Relay()
    routes = [Route("/", relay.page), Route("/ask", relay.ask)]
    return Starlette(routes=routes, lifespan=relay.lifespan)


app = create_app()

if __name__ == "__main__":
    try:
        import uvicorn
    except ImportError:
        sys.exit("uvicorn is not installed: pip install 'dify-oapi-chatflow[web]'")
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
