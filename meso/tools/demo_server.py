"""Serve the demo clinic page (demo/) with the chat widget pointing at a Rasa server.

    python meso/tools/demo_server.py --port 8000 --rasa http://localhost:5005

The page embeds the widget with the one-line snippet a clinic would use; this server
replaces the snippet's default server URL (http://localhost:5005) with --rasa. The page's
origin (http://localhost:PORT) must be in clinic.yml's allowed_origins for the chat to connect.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import sys
from pathlib import Path
from typing import Any, Optional, Sequence
from urllib.parse import urlsplit

from meso.settings import PROJECT_ROOT

ROOT = PROJECT_ROOT
DEMO_DIR = ROOT / "demo"
SNIPPET_SERVER = "http://localhost:5005"


class DemoHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from demo/, with the Rasa URL put into the HTML pages."""

    def __init__(self, *args: Any, rasa_url: str, **kwargs: Any) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        super().__init__(*args, directory=str(DEMO_DIR), **kwargs)

    def send_head(self) -> Any:
        """Serve the demo page with the Rasa server's address filled in."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()  # other files, and the "/dir" -> "/dir/" redirect
        body = path.read_text(encoding="utf-8").replace(SNIPPET_SERVER, self.rasa_url).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        """Log requests unless --quiet."""
        if "-q" not in sys.argv and "--quiet" not in sys.argv:
            super().log_message(format, *args)


def make_server(
    port: int, rasa_url: str, host: str = "127.0.0.1"
) -> http.server.ThreadingHTTPServer:
    """A demo server bound to host:port (port 0 picks a free one)."""
    handler = functools.partial(DemoHandler, rasa_url=rasa_url)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Serve demo/ until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--rasa", default=SNIPPET_SERVER, help="the Rasa server's URL")
    parser.add_argument("-q", "--quiet", action="store_true", help="no request log")
    args = parser.parse_args(argv)
    server = make_server(args.port, args.rasa, args.host)
    print(f"==> demo page on http://localhost:{args.port}/ (chat server {args.rasa})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
