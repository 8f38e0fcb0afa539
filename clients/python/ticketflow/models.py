"""What the API answers, as typed, immutable values (the JSON's camelCase names in snake_case)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

STATUSES = ("SCHEDULED", "QUEUED", "RUNNING", "RETRYING", "SUCCEEDED", "FAILED", "CANCELLED")
"""Every status a ticket has: SCHEDULED (a runAt ahead) → QUEUED → RUNNING → ... (see the server's README)."""

TERMINAL = frozenset({"SUCCEEDED", "FAILED", "CANCELLED"})
"""Statuses a ticket never leaves."""


def _instant(value: Any) -> datetime | None:
    # fromisoformat in 3.11 reads the server's ISO-8601 instants, "Z" included.
    return None if value is None else datetime.fromisoformat(str(value))


@dataclass(frozen=True)
class TicketError:
    code: str
    message: str


@dataclass(frozen=True)
class TicketView:
    """A ticket's decided state, as ``GET /tickets/{id}`` shows it."""

    id: str
    type: str
    status: str
    revision: int
    attempt: int
    submitted_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    next_attempt_at: datetime | None = None
    result: Any = None
    error: TicketError | None = None
    worker: str | None = None
    timeout_ms: int | None = None
    max_attempts: int | None = None
    callback_url: str | None = None
    callback: dict[str, Any] | None = None
    owner: str | None = None
    trace_id: str | None = None
    priority: str | None = None
    run_at: datetime | None = None
    progress: dict[str, Any] | None = None
    """How far a running attempt has got: ``percent``, ``message`` and ``output``, each when reported."""
    attempts: list[dict[str, Any]] | None = None
    """Each attempt so far, oldest first (the last 20): ``attempt``, ``status``, ``startedAt``, ``endedAt``,
    ``worker`` and ``error``, each when known."""

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TicketView:
        error = data.get("error")
        return cls(
            id=data["id"],
            type=data.get("type", ""),
            status=data["status"],
            revision=int(data.get("revision", 0)),
            attempt=int(data.get("attempt", 0)),
            submitted_at=_instant(data.get("submittedAt")),
            started_at=_instant(data.get("startedAt")),
            finished_at=_instant(data.get("finishedAt")),
            next_attempt_at=_instant(data.get("nextAttemptAt")),
            result=data.get("result"),
            error=None if error is None else TicketError(error.get("code", ""), error.get("message", "")),
            worker=data.get("worker"),
            timeout_ms=data.get("timeoutMs"),
            max_attempts=data.get("maxAttempts"),
            callback_url=data.get("callbackUrl"),
            callback=data.get("callback"),
            owner=data.get("owner"),
            trace_id=data.get("traceId"),
            priority=data.get("priority"),
            run_at=_instant(data.get("runAt")),
            progress=data.get("progress"),
            attempts=data.get("attempts"),
        )


@dataclass(frozen=True)
class Event:
    """One server-sent event of ``GET /tickets/{id}/events``: ``name`` is the status, ``id`` the revision."""

    name: str
    id: str | None
    ticket: TicketView


@dataclass(frozen=True)
class Stats:
    """``GET /tickets/stats``: ``by_status[status][type]`` counts the tickets held."""

    total: int
    by_status: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Stats:
        return cls(total=int(data.get("total", 0)),
                   by_status={status: dict(types) for status, types in data.get("byStatus", {}).items()})
