"""Exceptions of the client: each HTTP error carries the server's RFC 9457 problem document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from .models import TicketView


class TicketflowError(Exception):
    """Base of every exception this client raises on purpose."""


class ApiError(TicketflowError):
    """The server answered with an error status; ``problem`` is its problem document (empty when it sent none)."""

    def __init__(self, status: int, problem: Mapping[str, Any], retry_after: float | None = None) -> None:
        self.status = status
        self.problem: dict[str, Any] = dict(problem)
        self.retry_after = retry_after
        super().__init__(f"{status} {self.title}: {self.detail}" if self.detail else f"{status} {self.title}")

    @property
    def type(self) -> str:
        return str(self.problem.get("type", "about:blank"))

    @property
    def title(self) -> str:
        return str(self.problem.get("title", ""))

    @property
    def detail(self) -> str | None:
        detail = self.problem.get("detail")
        return None if detail is None else str(detail)


class InvalidRequest(ApiError):
    """400, 413, 415 or 422: the request is wrong and retrying it unchanged cannot help; ``field`` names the culprit."""

    @property
    def field(self) -> str | None:
        field = self.problem.get("field")
        return None if field is None else str(field)

    @property
    def errors(self) -> list[dict[str, str]]:
        return list(self.problem.get("errors", []))


class NotFound(ApiError):
    """404: no such ticket (``unknown-ticket``), or it is past its retention (``ticket-expired``)."""


class Conflict(ApiError):
    """409: the ticket was already finished (a cancel came too late, or twice)."""


class RateLimited(ApiError):
    """429: too many requests; ``retry_after`` says how many seconds to wait."""


class Unavailable(ApiError):
    """503: the service could not answer for sure now; ``retry_after`` in seconds.

    On a submission, the ticket may have been accepted anyway: ``ticket_id`` is the id it has if so.
    """

    @property
    def ticket_id(self) -> str | None:
        value = self.problem.get("ticketId")
        return None if value is None else str(value)

    @property
    def idempotency_key(self) -> str | None:
        value = self.problem.get("idempotencyKey")
        return None if value is None else str(value)


class TicketFailed(TicketflowError):
    """The ticket ended ``FAILED`` or ``CANCELLED``: ``code`` and ``message`` are its error, ``ticket`` the whole view."""

    def __init__(self, ticket: TicketView) -> None:
        self.ticket = ticket
        self.code = ticket.error.code if ticket.error else ticket.status.lower()
        self.message = ticket.error.message if ticket.error else ""
        super().__init__(f"ticket {ticket.id} {ticket.status}: {self.code}: {self.message}")


class TicketCancelled(TicketFailed):
    """The ticket was cancelled before it finished."""


def error_for(status: int, problem: Mapping[str, Any], retry_after: float | None) -> ApiError:
    """The exception of an error answer, by its status."""
    kind: type[ApiError]
    if status == 404:
        kind = NotFound
    elif status == 409:
        kind = Conflict
    elif status == 429:
        kind = RateLimited
    elif status == 503:
        kind = Unavailable
    elif status in (400, 413, 415, 422):
        kind = InvalidRequest
    else:
        kind = ApiError
    return kind(status, problem, retry_after)
