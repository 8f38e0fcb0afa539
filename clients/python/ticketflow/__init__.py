"""ticketflow: submit a ticket, do other work, then ``await`` its result.

    async with ticketflow.Client() as client:        # $TICKETFLOW_URL, $TICKETFLOW_API_KEY
        ticket = await client.submit("delay", {"ms": 1500})
        print(await ticket.result(timeout=60))
"""

from .client import Client, Ticket
from .errors import (ApiError, Conflict, InvalidRequest, NotFound, RateLimited, TicketCancelled, TicketFailed,
                     TicketflowError, Unavailable)
from .models import STATUSES, TERMINAL, Event, Stats, TicketError, TicketView
from .sync import SyncClient, SyncTicket

__all__ = [
    "ApiError", "Client", "Conflict", "Event", "InvalidRequest", "NotFound", "RateLimited", "STATUSES", "Stats",
    "SyncClient",
    "SyncTicket", "TERMINAL", "Ticket", "TicketCancelled", "TicketError", "TicketFailed", "TicketView",
    "TicketflowError", "Unavailable",
]
