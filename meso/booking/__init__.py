"""Booking and callback requests (issue #16): kept, delivered to the clinic, forgotten.

- `store.py`: the requests in the tracker store's database (`booking_requests` table), the
  interface the conversation side uses (`BookingStore.from_settings().add(...)`,
  `status()`), and the wording of when the team will be in touch (`next_contact_promise`).
- `hours.py`: the clinic's opening hours from `clinic.yml`, machine-readable.
- `delivery.py`: the channels (e-mail over SMTP, a signed webhook), retries with
  exponential back-off, and the worker the action server runs in the background.

Light on purpose: no Rasa import, no database connection at import.
"""
