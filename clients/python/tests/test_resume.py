"""Resuming a broken event stream, against a small local HTTP server that breaks it on purpose (the real producer
ends its streams only after the terminal state, so it cannot show this)."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

import ticketflow


def ticket(revision: int, status: str) -> str:
    view = {"id": "t-1", "type": "delay", "status": status, "revision": revision, "attempt": 1}
    return f"event: {status}\nid: {revision}\ndata: {json.dumps(view)}\n\n"


class BreakingStream(BaseHTTPRequestHandler):
    """First connection: QUEUED, RUNNING, then the connection drops. Second: replays from the start (as a server
    that ignores Last-Event-ID would), then SUCCEEDED."""

    seen_last_event_ids: list[str | None] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen_last_event_ids.append(self.headers.get("Last-Event-ID"))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        events = [ticket(1, "QUEUED"), ticket(2, "RUNNING")]
        if len(self.seen_last_event_ids) > 1:
            events.append(ticket(3, "SUCCEEDED"))
        self.wfile.write("".join(events).encode())
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def breaking_server() -> Iterator[str]:
    BreakingStream.seen_last_event_ids = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), BreakingStream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_broken_stream_resumes_with_last_event_id_and_repeats_nothing(breaking_server: str) -> None:
    async def run() -> list[ticketflow.Event]:
        async with ticketflow.Client(breaking_server) as client:
            return [event async for event in client.ticket("t-1").events()]

    events = asyncio.run(run())
    assert [(event.name, event.id) for event in events] == [("QUEUED", "1"), ("RUNNING", "2"), ("SUCCEEDED", "3")]
    assert BreakingStream.seen_last_event_ids == [None, "2"]
