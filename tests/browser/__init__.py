"""Browser tests of the chat widget (headless Chromium via Playwright)."""
