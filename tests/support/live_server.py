"""Serve the app from a background thread for browser tests."""

import threading

from werkzeug.serving import make_server


def _buffered(app):
    """Read every response whole and close it before the server writes a byte.

    Werkzeug's development server skips the response's ``close()`` when the
    browser drops the connection while it drains the request (a page left
    before its favicon arrived), so the open static file surfaced later as a
    ResourceWarning in whichever test happened to be running. Test responses
    are small; holding them whole costs nothing and closes every file at once.
    """

    def wrapped(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wrapped


class LiveServer:
    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, _buffered(app), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "LiveServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
        self.server.server_close()
