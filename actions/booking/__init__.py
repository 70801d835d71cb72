"""Booking and callback requests in conversation (issue #16): the form and its reading."""
