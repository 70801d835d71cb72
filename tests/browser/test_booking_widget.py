"""A booking request in the widget, in headless Chromium, on a phone and on a desktop.

The questions for a phone number and an e-mail address switch the composer to a one-line
field of type tel / email (the right keyboard on phones, autofill), and back to the usual box
afterwards; the summary to confirm and the final answer fit the screen. Screenshots go to
tests/output/screenshots/booking-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, List

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser.conftest import DESKTOP, PHONE, Stack
from tests.browser.test_widget import (
    BOT,
    HOST,
    MESSAGES_JS,
    REPLY_TIMEOUT,
    USER,
    ask,
    open_chat,
    wait_for_reply,
)

pytestmark = [pytest.mark.browser, pytest.mark.servers]

FIELD = ".mcw-field"
BOX = ".mcw-input"
OVERFLOW_JS = """() => {
    const log = document.querySelector('#meso-chat-widget').shadowRoot
        .querySelector('.mcw-messages');
    return log.scrollWidth - log.clientWidth;
}"""


@pytest.fixture(params=[("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"])
def device(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    name, viewport = request.param
    context = browser.new_context(
        viewport=viewport, is_mobile=name == "phone", has_touch=name == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT)
    yield name, page
    context.close()


def answer_in_field(page: Page, text: str) -> int:
    """Type into the one-line field (tel / email) and send with Enter."""
    before = page.locator(BOT).count()
    page.locator(FIELD).fill(text)
    page.locator(FIELD).press("Enter")
    expect(page.locator(USER).last).to_have_text(re.compile("^You: " + re.escape(text)))
    return before


def click_choice(page: Page, title: str) -> List[str]:
    """Click the latest button with this title; the bot's answer."""
    before = page.locator(BOT).count()
    page.locator(".mcw-choice:not([disabled])", has_text=title).last.click()
    return wait_for_reply(page, before)


def fits(page: Page) -> None:
    """Nothing in the conversation is wider than the panel."""
    assert page.evaluate(OVERFLOW_JS) <= 0


def screenshot(page: Page, screenshots: Path, name: str) -> None:
    page.screenshot(path=str(screenshots / f"booking-{name}.png"))


def test_a_booking_request_in_the_widget(
    stack: Stack, device: tuple[str, Page], screenshots: Path
) -> None:
    name, page = device
    viewport: ViewportSize = PHONE if name == "phone" else DESKTOP
    open_chat(page, stack.demo_url)
    expect(page.locator(HOST)).to_have_attribute("data-input", "text")

    replies = wait_for_reply(page, ask(page, "I'd like to book a consultation"))
    assert any("leave your details" in text for text in replies)
    replies = click_choice(page, "Leave my details")
    assert replies[-1] == "What name should the team ask for?"
    replies = wait_for_reply(page, ask(page, "Anna"))
    assert replies[-1] == "How would you like the team to contact you?"

    if name == "phone":  # a call back: the phone keyboard
        replies = click_choice(page, "Phone call")
        assert replies[-1] == "What number should the team call?"
        expect(page.locator(HOST)).to_have_attribute("data-input", "tel")
        field = page.locator(FIELD)
        expect(field).to_be_visible()
        expect(field).to_have_attribute("type", "tel")
        expect(field).to_have_attribute("inputmode", "tel")
        expect(field).to_have_attribute("autocomplete", "tel")
        expect(page.locator(BOX)).to_be_hidden()
        screenshot(page, screenshots, f"{name}-number")
        replies = wait_for_reply(page, answer_in_field(page, "07700 90012"))
        assert "too short" in replies[0]  # the typo is caught, the field stays
        expect(page.locator(HOST)).to_have_attribute("data-input", "tel")
        replies = wait_for_reply(page, answer_in_field(page, "07700 900123"))
    else:  # an e-mail: the e-mail keyboard
        replies = click_choice(page, "E-mail")
        assert replies[-1] == "What e-mail address should the team write to?"
        expect(page.locator(HOST)).to_have_attribute("data-input", "email")
        field = page.locator(FIELD)
        expect(field).to_be_visible()
        expect(field).to_have_attribute("type", "email")
        expect(field).to_have_attribute("inputmode", "email")
        screenshot(page, screenshots, f"{name}-email")
        replies = wait_for_reply(page, answer_in_field(page, "anna@example"))
        assert "missing its ending" in replies[0]
        replies = wait_for_reply(page, answer_in_field(page, "anna@example.com"))
    assert replies[-1].startswith("Is there a day or time that suits you best?")
    expect(page.locator(HOST)).to_have_attribute("data-input", "text")  # back to the box
    expect(page.locator(BOX)).to_be_visible()

    replies = wait_for_reply(page, ask(page, "thursday afternoon if possible"))
    assert replies[-1].startswith("Do you agree that the clinic's team contacts you")
    replies = click_choice(page, "Yes, contact me")
    summary, question = replies[-2:]  # the list, then the question with its buttons
    assert summary.startswith("Here is your request:")
    assert question == "Shall I send it to the team?"
    assert "Anna" in summary and re.search(r"Thursday \d+ \w+, afternoon", summary)
    assert ("07700 900123" if name == "phone" else "anna@example.com") in summary
    items = page.locator(f"{BOT} li")
    assert items.count() >= 3  # the summary is a list
    for title in ("Send it", "Change something", "Cancel"):
        expect(page.locator(".mcw-choice:not([disabled])", has_text=title)).to_be_in_viewport()
    fits(page)
    screenshot(page, screenshots, f"{name}-summary")

    replies = click_choice(page, "Send it")
    final = " ".join(replies)
    # the test stack's clinic settings name no delivery channel: said plainly
    assert "saved your request" in final and "call" in final
    fits(page)
    last = page.locator(BOT).last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= viewport["width"]
    screenshot(page, screenshots, f"{name}-done")
    texts: List[str] = page.evaluate(MESSAGES_JS, BOT)
    assert not any(text.startswith("Sorry, I didn't") for text in texts)
