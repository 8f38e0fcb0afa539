"""The answers the real services give only under load or outage (429, a 503 on a read), and the credentials taken
from the environment, against httpx's mock transport: no services needed."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

import ticketflow

STATUSES = {"limited": 429, "restoring": 503, "gone": 404, "broken": 500}


def answer(request: httpx.Request) -> httpx.Response:
    name = request.url.path.rsplit("/", 1)[-1]
    status = STATUSES[name]
    return httpx.Response(status, headers={"Retry-After": "7", "Content-Type": "application/problem+json",
                                           "X-Authorization": request.headers.get("Authorization", "")},
                          json={"type": f"urn:ticketflow:problem:{name}", "title": name, "status": status})


def failure(client: ticketflow.Client, id: str) -> ticketflow.ApiError:
    async def run() -> None:
        await client.get(id)

    with pytest.raises(ticketflow.ApiError) as raised:
        asyncio.run(run())
    return raised.value


def test_each_error_status_is_its_exception_with_the_problem_and_retry_after() -> None:
    client = ticketflow.Client("http://ticketflow.test", http=httpx.AsyncClient(
        base_url="http://ticketflow.test", transport=httpx.MockTransport(answer)))
    limited = failure(client, "limited")
    assert isinstance(limited, ticketflow.RateLimited) and limited.retry_after == 7.0
    assert limited.type.endswith(":limited") and limited.problem["status"] == 429
    restoring = failure(client, "restoring")
    assert isinstance(restoring, ticketflow.Unavailable) and restoring.retry_after == 7.0
    assert isinstance(failure(client, "gone"), ticketflow.NotFound)
    broken = failure(client, "broken")
    assert type(broken) is ticketflow.ApiError and broken.status == 500


def test_the_environment_gives_the_url_and_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TICKETFLOW_URL", "http://from-the-environment.test")
    monkeypatch.setenv("TICKETFLOW_API_KEY", "k-123")
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    client = ticketflow.Client()
    # The client's own headers and base URL, over a transport that answers instead of the network.
    client._http._transport = httpx.MockTransport(record)
    assert client.base_url == "http://from-the-environment.test"
    failure(client, "gone")
    assert [str(request.url) for request in seen] == ["http://from-the-environment.test/tickets/gone"]
    assert seen[0].headers["Authorization"] == "Bearer k-123"


def test_a_batchs_items_answered_503_are_sent_again_alone_with_their_keys_after_retry_after() -> None:
    batches: list[list[str]] = []

    def half_available(request: httpx.Request) -> httpx.Response:
        # The first batch: its first item stored (202), the others 503 (Retry-After: 1). Then: all replays (200).
        keys = [item["idempotencyKey"] for item in json.loads(request.content)["tickets"]]
        first = not batches
        batches.append(keys)
        answers = [{"status": 503, "problem": {"status": 503, "title": "Unavailable"}} if first and i > 0
                   else {"status": 202 if first else 200, "ticket": {"id": f"t-{key}", "status": "QUEUED",
                                                                     "type": "echo", "revision": 1, "attempt": 0}}
                   for i, key in enumerate(keys)]
        return httpx.Response(200, headers={"Retry-After": "1"}, json={"tickets": answers})

    async def run() -> list[ticketflow.Ticket | ticketflow.ApiError]:
        async with ticketflow.Client("http://ticketflow.test", http=httpx.AsyncClient(
                base_url="http://ticketflow.test", transport=httpx.MockTransport(half_available))) as client:
            return await client.submit_all([{"type": "echo", "payload": {"n": n}} for n in range(3)])

    started = time.monotonic()
    tickets = asyncio.run(run())
    assert time.monotonic() - started >= 1.0
    assert len(batches) == 2 and len(set(batches[0])) == 3 and batches[1] == batches[0][1:]
    assert [(ticket.id, ticket.replayed) for ticket in tickets if isinstance(ticket, ticketflow.Ticket)] == [
        (f"t-{key}", replayed) for key, replayed in zip(batches[0], (False, True, True))]
