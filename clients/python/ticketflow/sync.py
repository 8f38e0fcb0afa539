"""A blocking facade for scripts: the same operations as ``Client``, each run to completion on a private loop."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Iterator, Mapping, Sequence

from .client import Client, Ticket
from .errors import ApiError
from .models import Event, Stats, TicketView


class SyncClient:
    """``with SyncClient() as client: print(client.submit("echo", {"a": 1}).result())``.

    Not for use inside a running event loop: there, use ``Client``.
    """

    def __init__(self, base_url: str | None = None, api_key: str | None = None, **options: Any) -> None:
        self._loop = asyncio.new_event_loop()
        self._client = self._loop.run_until_complete(_create(base_url, api_key, options))

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self._loop.is_closed():
            self._loop.run_until_complete(self._client.aclose())
            self._loop.close()

    def submit(self, type: str, payload: Any = None, **options: Any) -> SyncTicket:
        return SyncTicket(self, self._loop.run_until_complete(self._client.submit(type, payload, **options)))

    def submit_all(self, requests: Sequence[Mapping[str, Any]]) -> list[SyncTicket | ApiError]:
        answers = self._loop.run_until_complete(self._client.submit_all(requests))
        return [SyncTicket(self, answer) if isinstance(answer, Ticket) else answer for answer in answers]

    def ticket(self, id: str) -> SyncTicket:
        return SyncTicket(self, self._client.ticket(id))

    def get(self, id: str, *, wait: float | None = None) -> TicketView:
        return self._loop.run_until_complete(self._client.get(id, wait=wait))

    def cancel(self, id: str) -> TicketView:
        return self._loop.run_until_complete(self._client.cancel(id))

    def list(self, *, status: str | None = None, type: str | None = None,
             submitted_after: datetime | None = None, page_size: int | None = None) -> Iterator[TicketView]:
        return self._iterate(self._client.list(status=status, type=type, submitted_after=submitted_after,
                                               page_size=page_size))

    def stats(self) -> Stats:
        return self._loop.run_until_complete(self._client.stats())

    def _iterate(self, items: Any) -> Iterator[Any]:
        try:
            while True:
                try:
                    yield self._loop.run_until_complete(items.__anext__())
                except StopAsyncIteration:
                    return
        finally:
            self._loop.run_until_complete(items.aclose())


class SyncTicket:
    """The blocking twin of ``Ticket``."""

    def __init__(self, client: SyncClient, ticket: Ticket) -> None:
        self._client = client
        self._ticket = ticket
        self.id = ticket.id
        self.idempotency_key = ticket.idempotency_key
        self.replayed = ticket.replayed

    def __repr__(self) -> str:
        return f"SyncTicket({self.id!r})"

    def status(self) -> TicketView:
        return self._client._loop.run_until_complete(self._ticket.status())

    def wait(self, timeout: float | None = 60.0) -> TicketView:
        return self._client._loop.run_until_complete(self._ticket.wait(timeout))

    def result(self, timeout: float | None = 60.0) -> Any:
        return self._client._loop.run_until_complete(self._ticket.result(timeout))

    def events(self) -> Iterator[Event]:
        return self._client._iterate(self._ticket.events())

    def cancel(self) -> TicketView:
        return self._client._loop.run_until_complete(self._ticket.cancel())


async def _create(base_url: str | None, api_key: str | None, options: dict[str, Any]) -> Client:
    # httpx binds its pool to the loop that first uses it: the client is made on the facade's own loop.
    return Client(base_url, api_key, **options)
