"""The chat widget in a real browser: the demo page, the Rasa server and headless Chromium."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, expect

from channels.limits import MAX_MESSAGE_CHARS, TOO_LONG_REPLY
from tests.browser.conftest import DESKTOP, PHONE, Stack

pytestmark = [pytest.mark.browser, pytest.mark.servers]

HOST = "#meso-chat-widget"
BOT = ".mcw-msg-bot"
USER = ".mcw-msg-user"
REPLY_TIMEOUT = 60_000
CONNECT_TIMEOUT = 30_000
# the messages' texts without the screen-reader-only "Lumi: " / "You: " prefixes
MESSAGES_JS = """selector => Array.from(
    document.querySelector('#meso-chat-widget').shadowRoot.querySelectorAll(selector)
).map(node => {
    const copy = node.cloneNode(true);
    copy.querySelectorAll('.mcw-sr-only').forEach(label => label.remove());
    return copy.textContent.trim();
})"""
ACTIVE_CLASS_JS = (
    "document.querySelector('#meso-chat-widget').shadowRoot.activeElement?.className || ''"
)
SESSION_JS = "Object.entries(localStorage).find(([key]) => key.endsWith(':session'))?.[1]"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT)
    yield page
    page.close()


@pytest.fixture
def dialogs(page: Page) -> List[str]:
    """Messages of any alert()/confirm()/prompt() the page opens (there must be none)."""
    seen: List[str] = []

    def record(dialog: Any) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return seen


@pytest.fixture
def sent_frames(page: Page) -> List[str]:
    """What the page sends to the socket.io server (polling requests and websocket frames)."""
    frames: List[str] = []

    def on_request(request: Any) -> None:
        if "/socket.io/" in request.url and request.method == "POST":
            frames.append(request.post_data or "")

    def on_websocket(ws: Any) -> None:
        ws.on("framesent", lambda payload: frames.append(str(payload)))

    page.on("request", on_request)
    page.on("websocket", on_websocket)
    return frames


def open_chat(page: Page, url: str, connected: bool = True) -> None:
    """Load a page and open the widget (waiting until its conversation is set up)."""
    page.goto(url)
    launcher = page.locator(".mcw-launcher")
    launcher.click()
    expect(page.locator(".mcw-panel")).to_be_visible()
    expect(page.locator(BOT).first).to_be_visible()  # the welcome message
    if connected:
        expect(page.locator(HOST)).to_have_attribute(
            "data-state", "connected", timeout=CONNECT_TIMEOUT
        )


def ask(page: Page, text: str) -> int:
    """Type a message and send it with Enter; the number of bot messages before it."""
    before = page.locator(BOT).count()
    page.locator(".mcw-input").fill(text)
    page.locator(".mcw-input").press("Enter")
    # (a message waiting for the connection ends with a hidden "(not sent yet)")
    expect(page.locator(USER).last).to_have_text(re.compile("^You: " + re.escape(text)))
    return before


def wait_for_reply(page: Page, before: int) -> List[str]:
    """Wait until the bot has answered (its turn is over); the new bot messages' texts."""
    expect(page.locator(BOT)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator(".mcw-typing")).to_be_hidden(timeout=REPLY_TIMEOUT)
    texts: List[str] = page.evaluate(MESSAGES_JS, BOT)
    return texts[before:]


def transcript(page: Page) -> List[Tuple[str, str]]:
    """The messages and buttons shown: (class, text) pairs, with each button's state."""
    classes: List[str] = page.locator(".mcw-msg").evaluate_all("ns => ns.map(n => n.className)")
    texts: List[str] = page.evaluate(MESSAGES_JS, ".mcw-msg")
    buttons: List[str] = page.locator(".mcw-choice").evaluate_all(
        "ns => ns.map(n => n.textContent + (n.disabled ? ' (disabled)' : ''))"
    )
    return list(zip(classes, texts, strict=True)) + [("button", text) for text in buttons]


def http_get(
    url: str, origin: Optional[str], extra: Optional[Dict[str, str]] = None
) -> Tuple[int, Any]:
    """GET with an Origin header: the status and the response headers (errors included)."""
    headers = {"Origin": origin} if origin else {}
    headers.update(extra or {})
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


# --- conversations --------------------------------------------------------------------------


def test_question_gets_answer_with_source(page: Page, stack: Stack, screenshots: Path) -> None:
    open_chat(page, stack.demo_url)
    page.evaluate(
        """() => {
            const typing = document.querySelector('#meso-chat-widget')
                .shadowRoot.querySelector('.mcw-typing');
            window.__typingShown = false;
            new MutationObserver(() => { if (!typing.hidden) window.__typingShown = true; })
                .observe(typing, { attributes: true });
        }"""
    )
    before = ask(page, "what is mesotherapy?")
    replies = wait_for_reply(page, before)

    assert any("mesotherapy" in text.lower() for text in replies), replies
    source = page.locator(BOT).filter(has_text=re.compile(r"Source", re.I))
    expect(source.first).to_be_visible()
    # markdown is rendered: bold and the source line in italics, no literal asterisks
    assert page.locator(f"{BOT} strong").count() > 0
    assert not any("**" in text for text in replies), replies
    assert page.evaluate("window.__typingShown") is True
    page.screenshot(path=str(screenshots / "desktop-answer.png"))


def test_buttons_send_payload_show_title_and_disable_row(
    page: Page, stack: Stack, sent_frames: List[str]
) -> None:
    open_chat(page, stack.demo_url)
    before = ask(page, "hello")
    wait_for_reply(page, before)
    rows = page.locator(".mcw-buttons")
    greeting_row = rows.nth(rows.count() - 1)  # fixed index: new rows will follow
    suitable = greeting_row.get_by_role("button", name="Is it suitable for me?")
    expect(suitable).to_be_enabled()

    before = page.locator(BOT).count()
    suitable.click()
    expect(page.locator(USER).last).to_have_text("You: Is it suitable for me?")
    for button in greeting_row.get_by_role("button").all():
        expect(button).to_be_disabled()
    expect(suitable).to_have_attribute("aria-pressed", "true")
    wait_for_reply(page, before)
    assert any("/check_eligibility" in frame for frame in sent_frames), sent_frames

    question_row = rows.nth(rows.count() - 1)
    no = question_row.get_by_role("button", name="No", exact=True)
    expect(no).to_be_enabled()
    before = page.locator(BOT).count()
    no.click()
    expect(page.locator(USER).last).to_have_text("You: No")
    expect(question_row.get_by_role("button", name="Yes", exact=True)).to_be_disabled()
    replies = wait_for_reply(page, before)
    assert replies, "no answer after clicking No"
    assert any("/deny" in frame for frame in sent_frames), sent_frames
    # the focus went back to the message box
    assert "mcw-input" in page.evaluate(ACTIVE_CLASS_JS)


def test_conversation_survives_reload(page: Page, stack: Stack) -> None:
    open_chat(page, stack.demo_url)
    before = ask(page, "what is mesotherapy?")
    wait_for_reply(page, before)
    before = ask(page, "hello")
    wait_for_reply(page, before)
    shown = transcript(page)
    session = page.evaluate(SESSION_JS)
    assert session

    page.reload()
    expect(page.locator(".mcw-panel")).to_be_visible()  # it was open: it opens again
    expect(page.locator(HOST)).to_have_attribute("data-state", "connected")
    # the same messages, and the same buttons in the same state (answered rows disabled)
    assert transcript(page) == shown
    assert page.evaluate(SESSION_JS) == session
    before = ask(page, "does it hurt?")
    assert wait_for_reply(page, before)


def test_visitor_html_is_shown_as_text(page: Page, stack: Stack, dialogs: List[str]) -> None:
    attack = "<img src=x onerror=alert(1)>"
    open_chat(page, stack.demo_url)
    before = ask(page, attack)
    wait_for_reply(page, before)
    page.wait_for_timeout(500)

    expect(page.locator(USER).last).to_have_text(f"You: {attack}")
    assert page.locator(".mcw-messages img").count() == 0
    assert page.locator(".mcw-messages script").count() == 0
    assert dialogs == []

    page.reload()  # the stored history is rendered as text too
    expect(page.locator(USER).last).to_have_text(f"You: {attack}")
    page.wait_for_timeout(500)
    assert page.locator(".mcw-messages img").count() == 0
    assert dialogs == []


def test_too_long_message_gets_clear_reply(page: Page, stack: Stack) -> None:
    open_chat(page, stack.demo_url)
    page.locator(".mcw-input").fill("a" * (MAX_MESSAGE_CHARS + 1))
    expect(page.locator(".mcw-counter")).to_have_text(
        f"{MAX_MESSAGE_CHARS + 1} / {MAX_MESSAGE_CHARS} characters"
    )
    before = page.locator(BOT).count()
    page.locator(".mcw-input").press("Enter")
    replies = wait_for_reply(page, before)
    assert replies == [TOO_LONG_REPLY]


def test_dropped_connection_shows_notice_and_recovers(
    page: Page, context: BrowserContext, stack: Stack
) -> None:
    open_chat(page, stack.demo_url)
    notice = page.locator(".mcw-notice")
    expect(notice).to_be_hidden()

    context.set_offline(True)
    expect(notice).to_be_visible(timeout=15_000)
    expect(notice).to_contain_text("Reconnecting…")
    expect(page.locator(HOST)).to_have_attribute("data-state", "disconnected")
    # a message written while offline waits, marked as not sent yet
    before = ask(page, "what is mesotherapy?")
    expect(page.locator(f"{USER}.mcw-msg-pending")).to_have_count(1)

    context.set_offline(False)
    expect(page.locator(HOST)).to_have_attribute("data-state", "connected", timeout=30_000)
    expect(notice).to_be_hidden()
    assert wait_for_reply(page, before)  # ... and is sent once the connection is back
    expect(page.locator(f"{USER}.mcw-msg-pending")).to_have_count(0)


# --- origins --------------------------------------------------------------------------------


def test_page_on_disallowed_origin_cannot_connect(
    page: Page, stack: Stack, screenshots: Path
) -> None:
    open_chat(page, stack.bad_demo_url, connected=False)
    notice = page.locator(".mcw-notice")
    expect(notice).to_be_visible(timeout=CONNECT_TIMEOUT)
    expect(notice).to_contain_text("can't connect")
    expect(page.locator(HOST)).to_have_attribute("data-state", "disconnected")

    page.locator(".mcw-input").fill("what is mesotherapy?")
    page.locator(".mcw-input").press("Enter")
    page.wait_for_timeout(5000)
    expect(page.locator(BOT)).to_have_count(1)  # the welcome message only
    expect(page.locator(f"{USER}.mcw-msg-pending")).to_have_count(1)
    expect(page.locator(HOST)).not_to_have_attribute("data-state", "connected")
    page.screenshot(path=str(screenshots / "desktop-connection-refused.png"))


def test_socketio_and_widget_routes_answer_only_allowed_origins(stack: Stack) -> None:
    polling = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"

    status, headers = http_get(polling, stack.bad_origin)
    assert status == 400
    assert headers.get_all("Access-Control-Allow-Origin") is None

    status, headers = http_get(polling, stack.demo_origin)
    assert status == 200
    assert headers.get_all("Access-Control-Allow-Origin") == [stack.demo_origin]

    config_url = f"{stack.rasa_url}/widget/config.json"
    status, headers = http_get(config_url, stack.demo_origin)
    assert status == 200
    assert headers.get_all("Access-Control-Allow-Origin") == [stack.demo_origin]
    status, headers = http_get(config_url, stack.bad_origin)
    assert headers.get_all("Access-Control-Allow-Origin") is None

    widget_url = f"{stack.rasa_url}/widget/widget.js"
    status, headers = http_get(widget_url, None)
    assert status == 200
    assert headers.get_content_type() == "application/javascript"
    etag = headers["ETag"]
    status, headers = http_get(widget_url, None, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    status, _ = http_get(widget_url, None, {"If-None-Match": etag})
    assert status == 304


# --- settings, accessibility, layout -------------------------------------------------------


def test_clinic_settings_reach_widget_without_restart(page: Page, stack: Stack) -> None:
    original = stack.clinic_file.read_text(encoding="utf-8")
    settings: Dict[str, Any] = yaml.safe_load(original)
    settings.update(
        assistant_name="Testy",
        name="Test Clinic",
        welcome="Welcome from **the test settings**.",
        logo_url=f"{stack.demo_url}logo.svg",
        booking_url="https://booking.example.test/now",
    )
    settings["colors"] = dict(settings.get("colors") or {}, primary="#0a5c36")
    stack.clinic_file.write_text(yaml.safe_dump(settings), encoding="utf-8")
    try:
        with urllib.request.urlopen(f"{stack.rasa_url}/widget/config.json") as response:
            config = yaml.safe_load(response.read())
        assert config["assistant_name"] == "Testy"
        assert "allowed_origins" not in config

        open_chat(page, stack.demo_url)
        expect(page.locator(".mcw-title")).to_have_text("Testy")
        expect(page.locator(".mcw-subtitle")).to_contain_text("Test Clinic")
        expect(page.locator("[role=dialog]")).to_have_attribute(
            "aria-label", "Chat with Testy, Test Clinic"
        )
        expect(page.locator(BOT).first).to_have_text("Testy: Welcome from the test settings.")
        expect(page.locator(f"{BOT} strong").first).to_have_text("the test settings")
        expect(page.locator(".mcw-logo")).to_be_visible()
        booking = page.locator(".mcw-footer a", has_text="Book a consultation")
        expect(booking).to_have_attribute("href", "https://booking.example.test/now")
        expect(booking).to_have_attribute("rel", "noopener noreferrer")
        background = page.locator(".mcw-launcher").evaluate(
            "node => getComputedStyle(node).backgroundColor"
        )
        assert background == "rgb(10, 92, 54)"
    finally:
        stack.clinic_file.write_text(original, encoding="utf-8")


def test_keyboard_and_aria(page: Page, stack: Stack) -> None:
    page.goto(stack.demo_url)
    launcher = page.locator(".mcw-launcher")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    assert launcher.evaluate("node => node.tagName") == "BUTTON"
    # the page's own `button { border: 3px dashed red }` does not reach the widget
    assert launcher.evaluate("node => getComputedStyle(node).borderStyle") == "none"

    launcher.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-label", re.compile(r"^Chat with "))
    expect(launcher).to_have_attribute("aria-expanded", "true")
    log = page.locator("[role=log]")
    expect(log).to_have_attribute("aria-live", "polite")
    assert "mcw-input" in page.evaluate(ACTIVE_CLASS_JS)
    expect(page.locator(HOST)).to_have_attribute("data-state", "connected")

    page.keyboard.type("what is mesotherapy?")
    before = page.locator(BOT).count()
    page.keyboard.press("Enter")
    expect(page.locator(USER).last).to_have_text("You: what is mesotherapy?")
    wait_for_reply(page, before)
    # links in answers open in a new tab without access to the page
    for link in page.locator(".mcw-messages a").all():
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noopener noreferrer"

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert "mcw-launcher" in page.evaluate(ACTIVE_CLASS_JS)
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_phone_layout(browser: Browser, stack: Stack, screenshots: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(REPLY_TIMEOUT)
        page.goto(stack.demo_url)
        page.screenshot(path=str(screenshots / "phone-closed.png"))
        open_chat(page, stack.demo_url)
        box = page.locator(".mcw-panel").bounding_box()
        assert box is not None
        assert box["x"] == 0 and box["y"] == 0
        assert box["width"] == PHONE["width"] and box["height"] == PHONE["height"]
        before = ask(page, "what is mesotherapy?")
        wait_for_reply(page, before)
        # nothing sticks out sideways on a narrow screen
        assert page.locator(".mcw-messages").evaluate("n => n.scrollWidth <= n.clientWidth")
        page.screenshot(path=str(screenshots / "phone-answer.png"))
        # full screen: Tab stays inside the chat (the page behind is covered)
        page.locator(".mcw-footer a").last.focus()
        page.keyboard.press("Tab")
        assert "mcw-restart" in page.evaluate(ACTIVE_CLASS_JS)
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(ACTIVE_CLASS_JS) == ""  # the footer link (no class)
        page.keyboard.press("Escape")
        expect(page.locator(".mcw-panel")).to_be_hidden()
        expect(page.locator(".mcw-launcher")).to_be_visible()
    finally:
        context.close()


def test_desktop_screenshots(page: Page, stack: Stack, screenshots: Path) -> None:
    page.goto(stack.demo_url)
    page.screenshot(path=str(screenshots / "desktop-closed.png"))
    open_chat(page, stack.demo_url)
    before = ask(page, "hello")
    wait_for_reply(page, before)
    page.screenshot(path=str(screenshots / "desktop-buttons.png"))


def test_forget_me_also_clears_the_browser_copy(page: Page, stack: Stack) -> None:
    open_chat(page, stack.demo_url)
    before = ask(page, "what is mesotherapy?")
    wait_for_reply(page, before)
    # Not ask(): the confirmation can clear the visitor's bubble before it could be checked.
    page.locator(".mcw-input").fill("delete my data")
    page.locator(".mcw-input").press("Enter")
    expect(page.locator(BOT).last).to_contain_text("deleted", timeout=REPLY_TIMEOUT)

    # only the welcome and the confirmation are left, on screen and in localStorage
    expect(page.locator(USER)).to_have_count(0, timeout=REPLY_TIMEOUT)
    expect(page.locator(".mcw-typing")).to_be_hidden(timeout=REPLY_TIMEOUT)
    texts: List[str] = page.evaluate(MESSAGES_JS, BOT)
    assert len(texts) == 2 and "deleted" in texts[1], texts
    stored = page.evaluate(
        "JSON.parse(Object.entries(localStorage).find(([k]) => k.endsWith(':history'))[1])"
    )
    assert [message["from"] for message in stored] == ["bot"]
    page.reload()
    expect(page.locator(BOT)).to_have_count(2)
    expect(page.locator(USER)).to_have_count(0)
