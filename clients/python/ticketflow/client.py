"""The asyncio client: submit a ticket, do other work, then await its result."""

from __future__ import annotations

import asyncio
import email.utils
import json
import os
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, AsyncIterator, Awaitable, Callable, Mapping, Sequence

import httpx

from .errors import ApiError, NotFound, TicketCancelled, TicketFailed, Unavailable, error_for
from .models import Event, Stats, TicketView

DEFAULT_URL = "http://localhost:8080"
# A ticket accepted a moment ago is unknown until the state machine has decided it; the server waits only
# ticketflow.status.unknown-id-wait (2 s) for that, so a ticket this client submitted is asked for again a while.
KNOWN_WITHIN = 30.0
# The server caps a long-poll at ticketflow.status.max-wait (60 s) and then answers the current state; asking for
# more costs nothing, the loop asks again.
LONG_POLL = 60.0
RETRY_AFTER_DEFAULT = 1.0


class Client:
    """One producer-service endpoint. Use it as ``async with Client() as client:`` or call ``aclose()``.

    ``base_url`` defaults to ``$TICKETFLOW_URL`` (else ``http://localhost:8080``), ``api_key`` to
    ``$TICKETFLOW_API_KEY``, sent as ``Authorization: Bearer <key>``. ``submit_retry_for`` bounds how long a submission
    is retried after 503s and lost connections (always with the same Idempotency-Key).
    """

    def __init__(self, base_url: str | None = None, api_key: str | None = None, *,
                 submit_retry_for: float = 120.0, http: httpx.AsyncClient | None = None) -> None:
        self.base_url = (base_url or os.environ.get("TICKETFLOW_URL") or DEFAULT_URL).rstrip("/")
        key = api_key if api_key is not None else os.environ.get("TICKETFLOW_API_KEY")
        headers = {"Accept": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self.submit_retry_for = submit_retry_for
        # Connection pool large enough for a few hundred long-polls at once: each awaits a ticket on its own request.
        self._http = http or httpx.AsyncClient(
            base_url=self.base_url, headers=headers,
            timeout=httpx.Timeout(30.0, connect=10.0),
            limits=httpx.Limits(max_connections=512, max_keepalive_connections=64))

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- submit

    async def submit(self, type: str, payload: Any = None, *, idempotency_key: str | None = None,
                     timeout: float | timedelta | None = None, max_attempts: int | None = None,
                     callback_url: str | None = None, run_at: datetime | None = None,
                     delay: timedelta | None = None, priority: str | None = None) -> Ticket:
        """``POST /tickets``; returns once Kafka stored the ticket (202) or it was already there (200, a replay).

        Every submission carries an Idempotency-Key (a new UUID when none is given), so a 503 or a lost connection is
        retried, after the server's Retry-After, without ever creating a second ticket. ``timeout`` bounds each attempt
        (seconds, or a ``timedelta``; the ticket's ``timeoutMs``). ``run_at`` (timezone-aware) or
        ``delay`` schedules the ticket (``SCHEDULED`` until then); ``priority`` is ``high``, ``normal`` or ``low``.
        """
        body = _submit_body(type, payload, timeout=timeout, max_attempts=max_attempts,
                            callback_url=callback_url, run_at=run_at, delay=delay, priority=priority)
        key = idempotency_key if idempotency_key is not None else str(uuid.uuid4())
        headers = {"Idempotency-Key": key}
        response, data = await self._sent(lambda: self._http.post("/tickets", json=body, headers=headers),
                                          time.monotonic() + self.submit_retry_for)
        return Ticket(self, data["id"], idempotency_key=key,
                      view=TicketView.from_json(data) if response.status_code == 200 else None)

    async def submit_all(self, requests: Sequence[Mapping[str, Any]]) -> list[Ticket | ApiError]:
        """``POST /tickets/batch``: many submissions in one request, answered ticket by ticket, in order.

        Each request holds ``submit()``'s arguments by name (``{"type": "echo", "payload": {...}, "priority":
        "high"}``) and gets an Idempotency-Key (a new UUID unless it has ``idempotency_key``). Each answer is what
        ``submit()`` would have made of that request alone: its ``Ticket``, or the ``ApiError`` it was refused with
        (its ``field`` named ``tickets[i].field``, ``i`` its place in the batch last sent). Items answered 503, and the
        whole batch after a lost connection, are sent again after Retry-After with the same keys.
        """
        keys = [str(request.get("idempotency_key") or uuid.uuid4()) for request in requests]
        items = [{**_submit_body(**{name: value for name, value in request.items() if name != "idempotency_key"}),
                  "idempotencyKey": key} for request, key in zip(requests, keys)]
        answers: list[Ticket | ApiError | None] = [None] * len(items)
        pending = list(range(len(items)))
        deadline = time.monotonic() + self.submit_retry_for
        while True:
            sent = [items[i] for i in pending]
            response, data = await self._sent(lambda: self._http.post("/tickets/batch", json={"tickets": sent}),
                                              deadline)
            given = _retry_after(response.headers.get("Retry-After"))
            wait = RETRY_AFTER_DEFAULT if given is None else given
            retry = time.monotonic() + wait <= deadline
            again = []
            for i, item in zip(pending, data["tickets"]):
                if item["status"] < 300:
                    view = TicketView.from_json(item["ticket"]) if item["status"] == 200 else None
                    answers[i] = Ticket(self, item["ticket"]["id"], idempotency_key=keys[i], view=view)
                elif item["status"] == 503 and retry:
                    again.append(i)
                else:
                    answers[i] = error_for(item["status"], item.get("problem") or {},
                                           wait if item["status"] == 503 else None)
            pending = again
            if not pending:
                return [answer for answer in answers if answer is not None]
            await asyncio.sleep(wait)

    async def _sent(self, send: Callable[[], Awaitable[httpx.Response]], deadline: float) -> tuple[httpx.Response, Any]:
        """A submission's answer and its JSON; sent again, after Retry-After, on a 503 or a lost connection (safe: it
        carries Idempotency-Keys) while the deadline allows."""
        while True:
            try:
                response = await send()
                return response, self._json(response)
            except Unavailable as unavailable:
                wait = unavailable.retry_after if unavailable.retry_after is not None else RETRY_AFTER_DEFAULT
                if time.monotonic() + wait > deadline:
                    raise
            except httpx.TransportError:
                wait = RETRY_AFTER_DEFAULT
                if time.monotonic() + wait > deadline:
                    raise
            await asyncio.sleep(wait)

    # --- read

    def ticket(self, id: str) -> Ticket:
        """A handle on a ticket known by its id, to read, await, stream or cancel it."""
        return Ticket(self, id)

    async def get(self, id: str, *, wait: float | None = None) -> TicketView:
        """``GET /tickets/{id}``; with ``wait`` (seconds), a long-poll that answers once terminal or when it ends."""
        params = {} if wait is None else {"wait": f"{max(1, int(wait * 1000))}ms"}
        timeout = httpx.Timeout(30.0 + (wait or 0), connect=10.0)
        response = await self._http.get(f"/tickets/{id}", params=params, timeout=timeout)
        return TicketView.from_json(self._json(response))

    async def cancel(self, id: str) -> TicketView:
        """``DELETE /tickets/{id}``: the ticket as decided CANCELLED by this request; ``Conflict`` if it finished."""
        return TicketView.from_json(self._json(await self._http.delete(f"/tickets/{id}")))

    async def list(self, *, status: str | None = None, type: str | None = None,
                   submitted_after: datetime | None = None, page_size: int | None = None) -> AsyncIterator[TicketView]:
        """The tickets held, newest first, fetched a page at a time as the iteration goes."""
        params: dict[str, str] = {}
        if status is not None:
            params["status"] = status
        if type is not None:
            params["type"] = type
        if submitted_after is not None:
            instant = submitted_after if submitted_after.tzinfo else submitted_after.replace(tzinfo=timezone.utc)
            params["submittedAfter"] = instant.isoformat()
        if page_size is not None:
            params["limit"] = str(page_size)
        while True:
            page = self._json(await self._http.get("/tickets", params=params))
            for item in page.get("tickets", []):
                yield TicketView.from_json(item)
            next_cursor = page.get("next")
            if not next_cursor:
                return
            params["cursor"] = next_cursor

    async def stats(self) -> Stats:
        """``GET /tickets/stats``: how many tickets are held, by status and type."""
        return Stats.from_json(self._json(await self._http.get("/tickets/stats")))

    async def events(self, id: str, *, known_within: float = 0.0) -> AsyncIterator[Event]:
        """``GET /tickets/{id}/events``: the current state, then each change, until the terminal one.

        A dropped stream is resumed with ``Last-Event-ID``; events the client has seen already are skipped.
        """
        last: str | None = None
        revision = 0
        unknown_until = time.monotonic() + known_within
        while True:
            headers = {"Accept": "text/event-stream"}
            if last is not None:
                headers["Last-Event-ID"] = last
            try:
                async with self._http.stream("GET", f"/tickets/{id}/events", headers=headers,
                                             timeout=httpx.Timeout(30.0, read=None)) as response:
                    if response.status_code >= 400:
                        await response.aread()
                        self._json(response)
                    async for event in _server_sent_events(response):
                        ticket = TicketView.from_json(event.data)
                        if ticket.revision <= revision:
                            continue
                        revision = ticket.revision
                        last = event.id
                        yield Event(event.name or ticket.status, event.id, ticket)
                        if ticket.terminal:
                            return
            except NotFound:
                if last is not None or time.monotonic() >= unknown_until:
                    raise
            except (httpx.TransportError, Unavailable):
                pass
            await asyncio.sleep(RETRY_AFTER_DEFAULT if last is None else 0)

    # --- plumbing

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        if response.status_code >= 400:
            try:
                problem = response.json()
            except ValueError:
                problem = {"title": response.reason_phrase, "detail": response.text[:500]}
            raise error_for(response.status_code, problem if isinstance(problem, dict) else {},
                            _retry_after(response.headers.get("Retry-After")))
        return response.json()


class Ticket:
    """A submitted ticket: ``await ticket.result()``, ``async for e in ticket.events()``, ``await ticket.cancel()``."""

    def __init__(self, client: Client, id: str, *, idempotency_key: str | None = None,
                 view: TicketView | None = None) -> None:
        self._client = client
        self.id = id
        self.idempotency_key = idempotency_key
        self.replayed = view is not None
        """Whether the submission found the ticket already there (same Idempotency-Key, same body: a 200)."""
        self._known_within = KNOWN_WITHIN if idempotency_key is not None else 0.0
        self.last_seen: TicketView | None = view
        """The latest state this handle has read."""

    def __repr__(self) -> str:
        return f"Ticket({self.id!r})"

    async def status(self) -> TicketView:
        """The ticket's current decided state."""
        return await self._retrying(lambda: self._client.get(self.id), time.monotonic() + self._known_within + 30)

    async def wait(self, timeout: float | None = 60.0) -> TicketView:
        """The ticket's terminal state, by long-polls resumed across the server's cap; ``TimeoutError`` if not by then."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = LONG_POLL if deadline is None else deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"ticket {self.id} not finished within {timeout} s (last: "
                                   f"{self.last_seen.status if self.last_seen else 'unknown'})")
            view = await self._retrying(lambda: self._client.get(self.id, wait=min(remaining, LONG_POLL)),
                                        deadline)
            self.last_seen = view
            if view.terminal:
                return view

    async def result(self, timeout: float | None = 60.0) -> Any:
        """The handler's result once the ticket ``SUCCEEDED``; raises ``TicketFailed`` (``TicketCancelled``) otherwise."""
        view = await self.wait(timeout)
        if view.status == "SUCCEEDED":
            return view.result
        raise TicketCancelled(view) if view.status == "CANCELLED" else TicketFailed(view)

    def events(self) -> AsyncIterator[Event]:
        """Each decided change, as server-sent events, from the current state to the terminal one."""
        return self._client.events(self.id, known_within=self._known_within)

    async def cancel(self) -> TicketView:
        """Cancels the ticket; ``Conflict`` when it had finished already."""
        view = await self._client.cancel(self.id)
        self.last_seen = view
        return view

    async def _retrying(self, call: Callable[[], Awaitable[TicketView]], deadline: float | None) -> TicketView:
        """Asks again while the ticket is not decided yet (404 ``unknown-ticket`` just after submitting) or the
        instance is restoring its state (503), within the deadline."""
        unknown_until = time.monotonic() + self._known_within
        while True:
            try:
                return await call()
            except NotFound as missing:
                if not missing.type.endswith(":unknown-ticket") or time.monotonic() >= unknown_until:
                    raise
                wait = 0.0
            except (Unavailable, httpx.TransportError) as failure:
                wait = getattr(failure, "retry_after", None) or RETRY_AFTER_DEFAULT
                if deadline is not None and time.monotonic() + wait > deadline:
                    raise
            await asyncio.sleep(wait)


class _RawEvent:
    __slots__ = ("name", "id", "data")

    def __init__(self, name: str | None, id: str | None, data: Any) -> None:
        self.name, self.id, self.data = name, id, data


async def _server_sent_events(response: httpx.Response) -> AsyncIterator[_RawEvent]:
    """The events of a ``text/event-stream`` body (WHATWG: fields until a blank line; comments start with ``:``).
    Hand-written because Debian ships no SSE add-on for httpx."""
    name: str | None = None
    event_id: str | None = None
    data: list[str] = []
    async for line in response.aiter_lines():
        line = line.rstrip("\r\n")
        if not line:
            if data:
                yield _RawEvent(name, event_id, json.loads("\n".join(data)))
            name, data = None, []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            name = value
        elif field == "data":
            data.append(value)
        elif field == "id":
            event_id = value
    if data:
        yield _RawEvent(name, event_id, json.loads("\n".join(data)))


def _submit_body(type: str, payload: Any = None, *, timeout: float | timedelta | None = None,
                 max_attempts: int | None = None,
                 callback_url: str | None = None, run_at: datetime | None = None, delay: timedelta | None = None,
                 priority: str | None = None) -> dict[str, Any]:
    """The JSON of a submission: ``POST /tickets``'s body, or one item of a batch."""
    body: dict[str, Any] = {"type": type}
    scheduled = run_at.isoformat() if run_at is not None else None
    wait = f"PT{delay.total_seconds():.3f}S" if delay is not None else None
    seconds = timeout.total_seconds() if isinstance(timeout, timedelta) else timeout
    timeout_ms = round(seconds * 1000) if seconds is not None else None
    for name, value in (("payload", payload), ("timeoutMs", timeout_ms), ("maxAttempts", max_attempts),
                        ("callbackUrl", callback_url), ("runAt", scheduled), ("delay", wait), ("priority", priority)):
        if value is not None:
            body[name] = value
    return body


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())

