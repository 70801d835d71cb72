"""The clinic's view of booking requests: list pending and failed ones, retry, deliver now.

    meso requests                     # pending and failed requests (`make requests`)
    meso requests list --all          # delivered ones too (their details are already wiped)
    meso requests show ID             # one request in full, to call the visitor by hand
    meso requests retry [ID ...]      # failed requests (all, or these ids) pending again
    meso requests deliver             # one delivery pass now (the action server's worker
                                      # does this in the background)
    meso requests work                # the delivery worker on its own, until SIGTERM (a
                                      # delivery container; MESO_BOOKING_WORKER=false on
                                      # the action servers then)

Requests are kept in the tracker store's database (meso/booking/store.py): the one the
endpoints file names (`--endpoints`, default $MESO_ENDPOINTS, else endpoints.yml; with
`deploy/endpoints.scale.yml` the DB_* variables must be set). The list shows no more
contact detail than needed to tell requests apart (initials, the last digits of a phone
number, an e-mail's domain); `show` prints one request whole, for the staff member who
calls the visitor back.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, tzinfo
from pathlib import Path
from typing import List, Optional, Sequence, TextIO

from meso import settings
from meso.booking.hours import clinic_timezone
from meso.booking.store import (
    DELIVERED,
    FAILED,
    PENDING,
    BookingStore,
    BookingStoreError,
    StoredRequest,
)


def initials(name: str) -> str:
    """'Ann Marie Smith' -> 'A. M. S.'."""
    return " ".join(f"{part[0].upper()}." for part in name.split() if part) or "-"


def masked_phone(phone: Optional[str]) -> str:
    """'+447700900123' -> 'phone …123'."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return f"phone …{digits[-3:]}" if digits else ""


def masked_email(email: Optional[str]) -> str:
    """'ann.smith@example.com' -> 'e-mail …@example.com'."""
    if not email or "@" not in email:
        return ""
    return f"e-mail …@{email.rsplit('@', 1)[1]}"


def contact_hint(stored: StoredRequest) -> str:
    """Enough to tell requests apart and see how to reach the visitor, no more."""
    request = stored.request
    if stored.status == DELIVERED:
        return "(details wiped after delivery)"
    parts = [initials(request.name), masked_phone(request.phone), masked_email(request.email)]
    return ", ".join(part for part in parts if part)


def when(stamp: Optional[float], zone: tzinfo) -> str:
    """A unix time in the clinic's time zone, to the minute."""
    if stamp is None:
        return "-"
    return datetime.fromtimestamp(stamp, zone).strftime("%Y-%m-%d %H:%M")


def open_store(endpoints: Optional[Path]) -> BookingStore:
    """The store of an endpoints file (or the settings' default)."""
    if endpoints is not None:
        from meso.tools.common import database_url, is_sql_store, tracker_store_config

        config = tracker_store_config(endpoints)
        if not config or not is_sql_store(str(config.get("type") or "")):
            raise BookingStoreError(f"{endpoints}: no SQL tracker store, no booking requests")
        return BookingStore(database_url(config, settings.PROJECT_ROOT))
    return BookingStore.from_settings()


def print_list(store: BookingStore, show_all: bool, out: TextIO) -> int:
    """The table of requests; exit status 1 when some failed (for cron mail / monitoring)."""
    zone = clinic_timezone(settings.clinic_settings())
    everything = store.list()
    statuses = (PENDING, FAILED, DELIVERED) if show_all else (PENDING, FAILED)
    shown = [s for s in everything if s.status in statuses]
    counts = {status: sum(1 for s in everything if s.status == status) for status in statuses}
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    out.write(f"booking requests: {summary} ({store.url.render_as_string(hide_password=True)})\n")
    if not shown:
        out.write("nothing waiting.\n")
        return 0
    zone_name = datetime.now(zone).tzname()
    header = (
        f"{'ID':<8}  {'RECEIVED (' + str(zone_name) + ')':<17}  {'STATUS':<9}  {'TRIES':>5}  "
        f"{'NEXT TRY':<16}  {'LAST ERROR':<28}  CONTACT"
    )
    out.write(header + "\n")
    for stored in shown:
        request = stored.request
        out.write(
            f"{request.request_id[:8]:<8}  {when(request.created_at, zone):<17}  "
            f"{stored.status:<9}  {stored.attempts:>5}  "
            f"{when(stored.next_attempt_at, zone) if stored.status == PENDING else '-':<16}  "
            f"{(stored.last_error or '-')[:28]:<28}  {contact_hint(stored)}\n"
        )
    if counts.get(FAILED):
        out.write(
            "failed requests were not delivered: call the visitor (`meso requests show ID`) "
            "or fix the channel and `meso requests retry`.\n"
        )
        return 1
    return 0


def find(store: BookingStore, prefix: str) -> Optional[StoredRequest]:
    """The one request whose id starts with `prefix`."""
    matches = [s for s in store.list() if s.request_id.startswith(prefix)]
    return matches[0] if len(matches) == 1 else None


def print_one(stored: StoredRequest, out: TextIO) -> None:
    """One request in full (what the clinic would have received)."""
    zone = clinic_timezone(settings.clinic_settings())
    request = stored.request
    lines = [
        f"request         {request.request_id}",
        f"status          {stored.status} after {stored.attempts} attempt(s)"
        + (f", last error: {stored.last_error}" if stored.last_error else ""),
        f"received        {when(request.created_at, zone)}",
        f"name            {request.name or '(wiped after delivery)'}",
        f"phone           {request.phone or '-'}",
        f"e-mail          {request.email or '-'}",
        f"preferred time  {request.preferred_time or '(none given)'}",
    ]
    if request.check_summary:
        lines.append("check (shared with consent):")
        lines += [f"  - {item}" for item in request.check_summary]
    else:
        lines.append("check           not shared")
    out.write("\n".join(lines) + "\n")


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="meso requests", description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=Path, default=None, help="endpoints file")
    sub = parser.add_subparsers(dest="action")
    listing = sub.add_parser("list", help="pending and failed requests (the default)")
    listing.add_argument("--all", action="store_true", help="delivered ones too")
    show = sub.add_parser("show", help="one request in full")
    show.add_argument("id", help="the request id, or its first characters")
    retry = sub.add_parser("retry", help="make failed requests pending again")
    retry.add_argument("ids", nargs="*", help="ids or id prefixes (default: every failed one)")
    sub.add_parser("deliver", help="one delivery pass now")
    sub.add_parser("work", help="deliver in the foreground until SIGTERM/Ctrl-C")
    args = parser.parse_args(argv)

    try:
        store = open_store(args.endpoints)
        if args.action in (None, "list"):
            return print_list(store, bool(getattr(args, "all", False)), out)
        if args.action == "show":
            stored = find(store, args.id)
            if stored is None:
                out.write(f"no single request with an id starting {args.id!r}\n")
                return 2
            print_one(stored, out)
            return 0
        if args.action == "retry":
            count = store.retry(args.ids)
            out.write(f"{count} failed request(s) pending again; delivered by the next pass\n")
            return 0
        if args.action == "work":
            return work(store)
        return deliver(store, out)
    except (BookingStoreError, ValueError) as error:
        out.write(f"requests: {error}\n")
        return 2
    finally:
        if "store" in locals():
            store.close()


def deliver(store: BookingStore, out: TextIO) -> int:
    """One delivery pass with the clinic settings' channels."""
    from meso.booking.delivery import DeliveryWorker, delivered

    worker = DeliveryWorker.from_settings(store)
    outcomes = worker.deliver_due()
    errors: List[str] = [f"{o.request_id[:8]}: {o.error}" for o in outcomes if o.error]
    out.write(f"delivered {delivered(outcomes)} of {len(outcomes)} due request(s)\n")
    for line in errors:
        out.write(f"  not delivered {line}\n")
    return 1 if errors else 0


def work(store: BookingStore) -> int:
    """The action server's delivery worker, in this process, until SIGTERM or Ctrl-C."""
    import asyncio
    import logging
    import signal

    from meso.booking.delivery import DeliveryWorker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-8s %(message)s")
    worker = DeliveryWorker.from_settings(store)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        await worker.run(stop)

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
