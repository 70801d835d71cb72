// The clinic's chat widget. Embedded with one tag:
//   <script src="https://BOT-SERVER/widget/widget.js" data-server="https://BOT-SERVER" defer></script>
// It talks to the Rasa server over socket.io (channels/widget.py), reads the clinic's public
// settings from /widget/config.json, and keeps the conversation (its id and the messages
// shown) in localStorage so a page reload continues it.
import { io } from "socket.io-client";
import css from "./styles.css";
import { renderMarkdown } from "./markdown.js";

const ICONS = {
  chat: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>',
  close:
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>',
  restart:
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z"/></svg>',
  send: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>',
};

const DEFAULT_CONFIG = {
  assistant_name: "Assistant",
  name: "",
  welcome: "Hi! Ask me anything about mesotherapy.",
  colors: {},
  max_message_chars: 1000,
};
const COLOR_VARS = {
  primary: "--mcw-primary",
  primary_text: "--mcw-primary-text",
  background: "--mcw-bg",
  bot_bubble: "--mcw-bot-bubble",
  user_bubble: "--mcw-user-bubble",
};
const MAX_STORED_MESSAGES = 200;
const TYPING_TIMEOUT_MS = 30000;
const TYPING_QUIET_MS = 1500;
const RECONNECTING = "Connection lost. Reconnecting…";
// The kind of answer the assistant asks for (a `custom` payload {"input": "tel"} after the
// question, domain.yml): the composer switches to a one-line field with the right keyboard.
const INPUT_KINDS = {
  tel: { type: "tel", inputmode: "tel", autocomplete: "tel", placeholder: "Your phone number" },
  email: {
    type: "email",
    inputmode: "email",
    autocomplete: "email",
    placeholder: "Your e-mail address",
  },
};

function findScript() {
  if (document.currentScript) return document.currentScript;
  const scripts = document.querySelectorAll('script[src*="/widget/widget.js"]');
  return scripts[scripts.length - 1] || null;
}

function serverUrl(script) {
  const explicit = script && script.getAttribute("data-server");
  try {
    if (explicit) return new URL(explicit, location.href).origin;
    if (script && script.src) return new URL(script.src, location.href).origin;
  } catch (_) {
    /* fall through */
  }
  return location.origin;
}

// localStorage can be unavailable (privacy modes) or full: the widget still works without it.
function storage(kind) {
  try {
    const store = window[kind];
    const probe = "__mcw_probe__";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch (_) {
    return null;
  }
}

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "html") node.innerHTML = value; // only for our own static icons
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children || []) node.appendChild(child);
  return node;
}

function safeHttpUrl(value) {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (_) {
    return null;
  }
}

function normaliseButtons(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((b) => b && typeof b === "object")
    .map((b) => ({
      title: String(b.title == null ? b.payload : b.title),
      payload: String(b.payload == null ? b.title : b.payload),
    }))
    .filter((b) => b.title && b.payload);
}

class ChatWidget {
  constructor(server) {
    this.server = server;
    this.key = `meso-chat:${server}:`;
    this.local = storage("localStorage");
    this.session = storage("sessionStorage");
    this.config = { ...DEFAULT_CONFIG };
    this.configLoaded = false;
    this.sessionId = this.read(this.local, "session");
    this.history = this.loadHistory();
    this.socket = null;
    this.connected = false;
    this.confirmed = false;
    this.everConnected = false;
    this.queue = []; // [{ index, payload }] waiting for the connection
    this.inputKind = INPUT_KINDS[this.read(this.local, "input")] ? this.read(this.local, "input") : "text";
    this.typingTimer = null;
    this.quietTimer = null;
    this.build();
    this.render();
    this.loadConfig();
    if (this.read(this.session, "open") === "1") this.open({ focus: false });
  }

  // --- storage ---------------------------------------------------------------------------
  read(store, name) {
    try {
      return store ? store.getItem(this.key + name) : null;
    } catch (_) {
      return null;
    }
  }

  write(store, name, value) {
    try {
      if (!store) return;
      if (value === null) store.removeItem(this.key + name);
      else store.setItem(this.key + name, value);
    } catch (_) {
      /* quota or privacy mode: keep going without persistence */
    }
  }

  loadHistory() {
    try {
      const data = JSON.parse(this.read(this.local, "history") || "[]");
      return Array.isArray(data) ? data.filter((m) => m && (m.from === "bot" || m.from === "user")) : [];
    } catch (_) {
      return [];
    }
  }

  saveHistory() {
    // only the stored copy is trimmed: indexes into this.history stay valid on this page
    const stored = this.history.slice(-MAX_STORED_MESSAGES);
    this.write(this.local, "history", JSON.stringify(stored));
  }

  // --- DOM -------------------------------------------------------------------------------
  build() {
    // data-state: idle | connecting | connected | disconnected (handy for tests and styling)
    this.host = el("div", { id: "meso-chat-widget", "data-state": "idle" });
    const shadow = this.host.attachShadow({ mode: "open" });
    this.shadow = shadow;
    shadow.appendChild(el("style", { text: css }));

    this.launcher = el("button", {
      type: "button",
      class: "mcw-launcher",
      "aria-expanded": "false",
      "aria-controls": "mcw-panel",
      "aria-label": "Open the chat",
      html: ICONS.chat,
    });
    this.logo = el("img", { class: "mcw-logo", alt: "", hidden: true });
    this.title = el("h2", { class: "mcw-title", id: "mcw-title", text: "" });
    this.subtitle = el("p", { class: "mcw-subtitle", text: "" });
    this.restartButton = el("button", {
      type: "button",
      class: "mcw-icon-button mcw-restart",
      "aria-label": "Start a new conversation",
      title: "Start a new conversation",
      html: ICONS.restart,
    });
    this.closeButton = el("button", {
      type: "button",
      class: "mcw-icon-button mcw-close",
      "aria-label": "Close the chat",
      title: "Close",
      html: ICONS.close,
    });
    this.notice = el("p", { class: "mcw-notice", role: "status", hidden: true });
    this.log = el("div", {
      class: "mcw-messages",
      role: "log",
      "aria-live": "polite",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    this.typing = el(
      "div",
      { class: "mcw-typing", role: "status", hidden: true },
      [
        el("span", { class: "mcw-sr-only mcw-typing-label", text: "The assistant is typing…" }),
        el("span", { class: "mcw-dot", "aria-hidden": "true" }),
        el("span", { class: "mcw-dot", "aria-hidden": "true" }),
        el("span", { class: "mcw-dot", "aria-hidden": "true" }),
      ],
    );
    this.input = el("textarea", {
      id: "mcw-input",
      class: "mcw-input",
      rows: "1",
      placeholder: "Type your question…",
      autocomplete: "off",
      "aria-describedby": "mcw-counter",
    });
    // one-line field for a phone number or an e-mail address (setInputKind)
    this.field = el("input", {
      id: "mcw-field",
      class: "mcw-field",
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "mcw-counter",
      hidden: true,
    });
    this.inputLabel = el("label", { class: "mcw-sr-only", for: "mcw-input", text: "Your message" });
    this.sendButton = el("button", {
      type: "submit",
      class: "mcw-send",
      "aria-label": "Send",
      html: ICONS.send,
    });
    this.form = el("form", { class: "mcw-composer", novalidate: true }, [
      this.inputLabel,
      this.input,
      this.field,
      this.sendButton,
    ]);
    this.counter = el("p", { class: "mcw-counter", id: "mcw-counter", hidden: true });
    this.footer = el("p", { class: "mcw-footer" });
    this.panel = el(
      "div",
      {
        class: "mcw-panel",
        id: "mcw-panel",
        role: "dialog",
        "aria-label": "Chat",
        "aria-modal": "false",
        hidden: true,
      },
      [
        el("div", { class: "mcw-header" }, [
          this.logo,
          el("div", { class: "mcw-titles" }, [this.title, this.subtitle]),
          this.restartButton,
          this.closeButton,
        ]),
        this.notice,
        this.log,
        this.typing,
        this.form,
        this.counter,
        this.footer,
      ],
    );
    this.root = el("div", { class: "mcw-root" }, [this.panel, this.launcher]);
    shadow.appendChild(this.root);

    this.launcher.addEventListener("click", () => (this.isOpen() ? this.close() : this.open()));
    this.closeButton.addEventListener("click", () => this.close());
    this.restartButton.addEventListener("click", () => this.restart());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener("input", () => this.onInput());
    this.field.addEventListener("input", () => this.onInput());
    this.root.addEventListener("keydown", (event) => this.onKey(event));
    window.addEventListener("offline", () => this.onOffline());
    window.addEventListener("online", () => this.onOnline());

    const attach = () => document.body.appendChild(this.host);
    if (document.body) attach();
    else document.addEventListener("DOMContentLoaded", attach);
  }

  applyConfig(config) {
    this.config = { ...DEFAULT_CONFIG, ...config, colors: (config && config.colors) || {} };
    const cfg = this.config;
    for (const [key, cssVar] of Object.entries(COLOR_VARS)) {
      const value = cfg.colors[key];
      if (typeof value === "string" && (!window.CSS || CSS.supports("color", value))) {
        this.host.style.setProperty(cssVar, value);
      }
    }
    if (typeof cfg.colors.primary_text === "string") {
      this.host.style.setProperty("--mcw-user-text", cfg.colors.primary_text);
    }
    const assistant = cfg.assistant_name || DEFAULT_CONFIG.assistant_name;
    this.title.textContent = assistant;
    this.subtitle.textContent = cfg.name ? `Virtual assistant · ${cfg.name}` : "Virtual assistant";
    const label = cfg.name ? `Chat with ${assistant}, ${cfg.name}` : `Chat with ${assistant}`;
    this.panel.setAttribute("aria-label", label);
    this.launcher.setAttribute("aria-label", `Open the chat with ${assistant}`);
    this.typing.querySelector(".mcw-typing-label").textContent = `${assistant} is typing…`;
    const logo = safeHttpUrl(cfg.logo_url);
    if (logo) {
      this.logo.src = logo;
      this.logo.hidden = false;
    } else {
      this.logo.hidden = true;
    }
    this.footer.replaceChildren();
    const booking = safeHttpUrl(cfg.booking_url);
    if (booking) {
      this.footer.appendChild(
        el("a", {
          href: booking,
          target: "_blank",
          rel: "noopener noreferrer",
          text: "Book a consultation",
        }),
      );
    }
    if (typeof cfg.phone === "string" && cfg.phone) {
      const tel = cfg.phone.replace(/[^0-9+]/g, "");
      this.footer.appendChild(el("a", { href: `tel:${tel}`, text: `Call ${cfg.phone}` }));
    }
    this.footer.appendChild(el("span", { text: "Automated assistant, not medical advice." }));
    // Safety routing (clinic.yml): who to call when something is wrong after a treatment.
    const urgent = typeof cfg.urgent_phone === "string" && cfg.urgent_phone ? cfg.urgent_phone : "";
    const emergency = typeof cfg.emergency_number === "string" ? cfg.emergency_number : "";
    if (urgent || emergency) {
      const parts = [];
      if (urgent) {
        const tel = urgent.replace(/[^0-9+]/g, "");
        parts.push(el("a", { href: `tel:${tel}`, text: `Problem after a treatment? ${urgent}` }));
      }
      if (emergency) {
        parts.push(el("span", { text: `Emergency: call ${emergency}` }));
      }
      this.footer.appendChild(el("span", { class: "mcw-safety" }, parts));
    }
    this.render();
  }

  async loadConfig() {
    let config = {};
    try {
      const response = await fetch(`${this.server}/widget/config.json`, {
        credentials: "omit",
        cache: "no-cache",
      });
      if (response.ok) config = await response.json();
    } catch (_) {
      /* defaults; the connection notice tells the visitor if the server is unreachable */
    }
    this.configLoaded = true;
    this.applyConfig(config && typeof config === "object" ? config : {});
  }

  // --- rendering -------------------------------------------------------------------------
  render() {
    this.log.replaceChildren();
    if (this.configLoaded) {
      this.log.appendChild(this.messageNode({ from: "bot", text: this.config.welcome }, -1));
    }
    this.history.forEach((message, index) => {
      const node = this.messageNode(message, index);
      if (node) this.log.appendChild(node);
    });
    this.scrollToEnd();
  }

  messageNode(message, index) {
    const fragment = document.createDocumentFragment();
    const speaker = message.from === "user" ? "You" : this.config.assistant_name || "Assistant";
    const bubble = el("div", { class: `mcw-msg mcw-msg-${message.from}`, "data-index": index });
    const label = el("span", { class: "mcw-sr-only", text: `${speaker}: ` });
    if (message.from === "user") {
      bubble.appendChild(label);
      bubble.appendChild(document.createTextNode(String(message.text || "")));
      if (this.queue.some((item) => item.index === index)) {
        bubble.classList.add("mcw-msg-pending");
        bubble.appendChild(el("span", { class: "mcw-sr-only", text: " (not sent yet)" }));
      }
    } else if (message.image) {
      const src = safeHttpUrl(message.image);
      if (!src) return null;
      bubble.appendChild(el("img", { src, alt: "Image from the assistant", loading: "lazy" }));
    } else {
      bubble.innerHTML = renderMarkdown(message.text); // markdown-it, raw HTML disabled
      bubble.insertBefore(label, bubble.firstChild);
    }
    fragment.appendChild(bubble);
    const buttons = normaliseButtons(message.buttons);
    if (buttons.length) {
      const row = el("div", {
        class: "mcw-buttons",
        role: "group",
        "aria-label": "Suggested replies",
      });
      buttons.forEach((button, position) => {
        const chosen = message.chosen === position;
        const node = el("button", {
          type: "button",
          class: chosen ? "mcw-choice mcw-chosen" : "mcw-choice",
          text: button.title,
          disabled: Boolean(message.used),
          "aria-pressed": message.used ? String(chosen) : null,
        });
        node.addEventListener("click", () => this.choose(index, position));
        row.appendChild(node);
      });
      fragment.appendChild(row);
    }
    return fragment;
  }

  append(message) {
    this.history.push(message);
    this.saveHistory();
    const node = this.messageNode(message, this.history.length - 1);
    if (node) this.log.appendChild(node);
    this.scrollToEnd();
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  setNotice(text) {
    if (text) {
      if (this.notice.textContent !== text) this.notice.textContent = text;
      this.notice.hidden = false;
    } else {
      this.notice.hidden = true;
      this.notice.textContent = "";
    }
  }

  showTyping() {
    this.typing.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_TIMEOUT_MS);
    this.scrollToEnd();
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    clearTimeout(this.quietTimer);
    this.typing.hidden = true;
  }

  // --- opening and closing ---------------------------------------------------------------
  isOpen() {
    return !this.panel.hidden;
  }

  isFullScreen() {
    return window.matchMedia && window.matchMedia("(max-width: 480px)").matches;
  }

  open(options) {
    const focus = !options || options.focus !== false;
    this.panel.hidden = false;
    this.root.classList.add("mcw-open");
    this.panel.setAttribute("aria-modal", this.isFullScreen() ? "true" : "false");
    this.launcher.setAttribute("aria-expanded", "true");
    this.launcher.innerHTML = ICONS.close;
    this.launcher.setAttribute("aria-label", "Close the chat");
    this.write(this.session, "open", "1");
    this.connect();
    this.scrollToEnd();
    this.setInputKind(this.inputKind);
    if (focus) this.activeInput().focus();
  }

  close() {
    this.panel.hidden = true;
    this.root.classList.remove("mcw-open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.innerHTML = ICONS.chat;
    const assistant = this.config.assistant_name || DEFAULT_CONFIG.assistant_name;
    this.launcher.setAttribute("aria-label", `Open the chat with ${assistant}`);
    this.write(this.session, "open", null);
    this.launcher.focus();
  }

  onKey(event) {
    if (event.key === "Escape" && this.isOpen()) {
      event.preventDefault();
      this.close();
      return;
    }
    // full-screen on phones: keep Tab inside the panel (the page behind is covered)
    if (event.key === "Tab" && this.isOpen() && this.isFullScreen()) {
      const focusable = Array.from(
        this.panel.querySelectorAll("button:not([disabled]), textarea, input, a[href], [tabindex='0']"),
      ).filter((node) => node.offsetParent !== null);
      if (!focusable.length) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = this.shadow.activeElement;
      if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  // --- sending ---------------------------------------------------------------------------
  activeInput() {
    return this.inputKind === "text" ? this.input : this.field;
  }

  // "tel" or "email" while the assistant asks for a phone number or an e-mail address
  // (the right keyboard on phones, autofill), else "text" (the usual multi-line box).
  setInputKind(kind) {
    const next = INPUT_KINDS[kind] ? kind : "text";
    const hadFocus = this.shadow.activeElement === this.activeInput();
    const carried = this.activeInput().value;
    this.inputKind = next;
    this.write(this.local, "input", next === "text" ? null : next);
    const spec = INPUT_KINDS[next];
    if (spec) {
      for (const [key, value] of Object.entries(spec)) this.field.setAttribute(key, value);
    }
    this.field.hidden = !spec;
    this.input.hidden = Boolean(spec);
    this.host.setAttribute("data-input", next);
    const active = this.activeInput();
    this.inputLabel.setAttribute("for", active.id);
    this.inputLabel.textContent = spec ? spec.placeholder : "Your message";
    if (carried && !active.value) active.value = carried;
    if (active !== this.input) this.input.value = "";
    else this.field.value = "";
    if (hadFocus) active.focus();
  }

  onInput() {
    this.input.style.height = "auto";
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
    const max = Number(this.config.max_message_chars) || 0;
    const length = this.activeInput().value.length;
    if (max && length > max * 0.8) {
      this.counter.hidden = false;
      this.counter.textContent = `${length} / ${max} characters`;
      this.counter.classList.toggle("mcw-over", length > max);
    } else {
      this.counter.hidden = true;
    }
  }

  submit() {
    const box = this.activeInput();
    const text = box.value;
    if (!text.trim()) return;
    box.value = "";
    this.onInput();
    this.send(text, text);
    this.activeInput().focus();
  }

  choose(index, position) {
    const message = this.history[index];
    if (!message || message.used) return;
    const button = normaliseButtons(message.buttons)[position];
    if (!button) return;
    message.chosen = position;
    this.send(button.title, button.payload);
    this.activeInput().focus();
  }

  send(shownText, payload) {
    // answering makes every earlier set of buttons stale
    for (const message of this.history) {
      if (message.buttons && !message.used) message.used = true;
    }
    this.history.push({ from: "user", text: shownText });
    this.saveHistory();
    this.queue.push({ index: this.history.length - 1, payload });
    this.render();
    this.flush();
  }

  flush() {
    if (!this.socket || !this.connected || !this.confirmed) {
      this.connect();
      return;
    }
    if (!this.queue.length) return;
    while (this.queue.length) {
      const { payload } = this.queue.shift();
      this.socket.emit("user_uttered", { message: payload, session_id: this.sessionId });
    }
    this.showTyping();
    this.render(); // no longer pending
  }

  restart() {
    this.history = [];
    this.queue = [];
    this.sessionId = null;
    this.write(this.local, "history", null);
    this.write(this.local, "session", null);
    this.hideTyping();
    this.setInputKind("text");
    this.render();
    if (this.socket && this.connected) {
      this.confirmed = false;
      this.host.setAttribute("data-state", "connecting");
      this.socket.emit("session_request", { session_id: null });
    }
    this.input.focus();
  }

  // --- the connection --------------------------------------------------------------------
  connect() {
    if (this.socket) return;
    const socket = io(this.server, {
      path: "/socket.io",
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      timeout: 10000,
      withCredentials: false,
    });
    this.socket = socket;
    this.host.setAttribute("data-state", "connecting");
    socket.on("connect", () => {
      this.connected = true;
      this.everConnected = true;
      this.confirmed = false;
      this.setNotice(null);
      socket.emit("session_request", { session_id: this.sessionId });
    });
    socket.on("session_confirm", (data) => {
      const id = typeof data === "string" ? data : data && data.session_id;
      if (typeof id !== "string" || !id) return;
      this.sessionId = id;
      this.write(this.local, "session", id);
      this.confirmed = true;
      this.host.setAttribute("data-state", "connected");
      this.flush();
    });
    socket.on("bot_uttered", (data) => this.onBotMessage(data));
    socket.on("bot_turn_done", () => this.hideTyping());
    socket.on("conversation_forgotten", () => this.forgetLocally());
    socket.on("disconnect", (reason) => {
      this.connected = false;
      this.confirmed = false;
      this.hideTyping();
      this.host.setAttribute("data-state", "disconnected");
      if (reason === "io client disconnect") return;
      this.setNotice(RECONNECTING);
      // the server closed the socket: socket.io does not retry by itself in that case
      if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);
    });
    socket.on("connect_error", () => {
      this.connected = false;
      this.host.setAttribute("data-state", "disconnected");
      const phone = this.config.phone ? ` You can also call ${this.config.phone}.` : "";
      this.setNotice(
        this.everConnected
          ? RECONNECTING
          : `Sorry, the chat can't connect right now. Retrying…${phone}`,
      );
    });
  }

  onBotMessage(data) {
    if (!data || typeof data !== "object") return;
    const text = typeof data.text === "string" ? data.text : "";
    const buttons = normaliseButtons(data.quick_replies || data.buttons);
    const attachment = data.attachment;
    if (typeof data.input === "string") this.setInputKind(data.input);
    else if (text) this.setInputKind("text"); // a new question: back to the usual box
    if (text || buttons.length) {
      const message = { from: "bot", text };
      if (buttons.length) message.buttons = buttons;
      this.append(message);
    }
    if (attachment && attachment.type === "image" && attachment.payload) {
      const src = safeHttpUrl(attachment.payload.src);
      if (src) this.append({ from: "bot", image: src });
    }
    // more parts of the answer may follow; `bot_turn_done` (or silence) ends the turn
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.hideTyping(), TYPING_QUIET_MS);
  }

  // The server deleted the conversation ("forget me"): drop the browser's copy too, keeping
  // only the assistant's confirmation that followed the visitor's last message.
  forgetLocally() {
    let lastUser = -1;
    this.history.forEach((message, index) => {
      if (message.from === "user") lastUser = index;
    });
    this.history = this.history.slice(lastUser + 1);
    this.saveHistory();
    this.render();
  }

  onOffline() {
    if (!this.socket) return;
    this.setNotice(RECONNECTING);
    // a dead network may not close the socket for a while: close it now and let
    // socket.io's reconnection (with backoff) take over
    if (this.socket.io && this.socket.io.engine) this.socket.io.engine.close();
  }

  onOnline() {
    if (this.socket && !this.socket.connected && !this.socket.active) this.socket.connect();
  }
}

(function start() {
  if (window.__mesoChatWidget) return; // the snippet was pasted twice
  const script = findScript();
  const widget = new ChatWidget(serverUrl(script));
  window.__mesoChatWidget = widget;
  // a small public API, e.g. for a "Chat with us" link on the clinic's page
  window.MesoChat = {
    open: () => widget.open(),
    close: () => widget.close(),
    toggle: () => (widget.isOpen() ? widget.close() : widget.open()),
  };
})();
