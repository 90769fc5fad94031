"""Posting to an address a user typed (webhooks): resolve once, check, connect to what was
checked, all within one deadline.

Checking a name and then letting urllib resolve it again lets a name that flips between a
public address and 127.0.0.1 (DNS rebinding) reach the platform's own network. Here the
name is resolved once, every address it gave is checked (including IPv4 addresses hidden
in IPv6 ones: IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo), and the socket is
opened to a checked address; the Host header and the TLS server name and certificate
check keep the name. The deadline bounds the whole delivery (connecting, sending, the
answer), not each socket read: a receiver that trickles one byte every few seconds is cut
off when it passes.
"""

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from urllib.parse import urlsplit

NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """The address is not one we may post to (scheme, or not public); retrying will not help."""


class Unreachable(Exception):
    """Resolving, connecting or the answer failed, or the deadline passed; worth a retry."""


def embedded_ipv4(ip) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries to (mapped, NAT64, 6to4, Teredo), if any."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def is_public(address: str) -> bool:
    """True for a globally reachable unicast address that hides no private IPv4 one."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if not ip.is_global or ip.is_multicast:
        return False
    inner = embedded_ipv4(ip)
    return inner is None or (inner.is_global and not inner.is_multicast)


def resolve(host: str, port: int) -> list[tuple]:
    """Every (family, sockaddr) the name resolves to, in the resolver's order, once."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise Unreachable(f"cannot resolve {host}: {exc}") from exc
    seen, out = set(), []
    for family, _type, _proto, _name, sockaddr in infos:
        if sockaddr[0] not in seen:
            seen.add(sockaddr[0])
            out.append((family, sockaddr))
    if not out:
        raise Unreachable(f"cannot resolve {host}")
    return out


def _open(family: int, sockaddr: tuple, timeout: float) -> socket.socket:
    # A socket to the very address that was checked: no second look-up by name.
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


class PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a checked address; the Host header names `host`."""

    def __init__(self, host, port, *, family, sockaddr, timeout):
        super().__init__(host, port, timeout=timeout)
        self.pinned = (family, sockaddr)

    def connect(self):
        self.sock = _open(*self.pinned, self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address; SNI, the certificate check and Host name `host`."""

    def __init__(self, host, port, *, family, sockaddr, timeout, context=None):
        super().__init__(host, port, timeout=timeout, context=context)
        self.pinned = (family, sockaddr)

    def connect(self):
        # Kept on self first, so the deadline can cut a handshake that trickles too.
        self.sock = _open(*self.pinned, self.timeout)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


class _Deadline:
    """Shuts the connection's socket when the time is up, whatever it is waiting for."""

    def __init__(self, connection, seconds: float):
        self.connection, self.passed = connection, False
        self.timer = threading.Timer(max(seconds, 0.0), self._cut)
        self.timer.daemon = True

    def _cut(self):
        self.passed = True
        sock = self.connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.cancel()
        return False


def post(
    url: str,
    body: bytes,
    headers: dict,
    *,
    deadline: float,
    allow_private: bool = False,
    context: ssl.SSLContext | None = None,
) -> int:
    """POST `body` to `url`; the answer's status code. Redirects are not followed.

    Raises AddressRefused for a scheme other than http(s) or a name with any address that
    is not public (unless `allow_private`), Unreachable for anything that may pass.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(f"{parts.scheme or 'no'} scheme: only http and https")
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise AddressRefused(str(exc)) from exc
    ends = time.monotonic() + deadline
    addresses = resolve(host, port)
    if not allow_private:
        for _family, sockaddr in addresses:
            if not is_public(sockaddr[0]):
                raise AddressRefused(f"{host} is not a public address ({sockaddr[0]})")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    last_error = None
    for family, sockaddr in addresses[:4]:
        remaining = ends - time.monotonic()
        if remaining <= 0:
            break
        if parts.scheme == "https":
            connection = PinnedHTTPSConnection(
                host, port, family=family, sockaddr=sockaddr, timeout=remaining, context=context
            )
        else:
            connection = PinnedHTTPConnection(
                host, port, family=family, sockaddr=sockaddr, timeout=remaining
            )
        with _Deadline(connection, remaining) as watch:
            try:
                connection.connect()
            except OSError as exc:
                last_error = exc
                connection.close()
                continue  # the next address; nothing was sent yet
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read(1024)
                return response.status
            except (OSError, http.client.HTTPException) as exc:
                if watch.passed:
                    raise Unreachable(f"no complete answer within {deadline:g} s") from exc
                raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
            finally:
                connection.close()
    if last_error is None:
        raise Unreachable(f"no complete answer within {deadline:g} s")
    raise Unreachable(f"{type(last_error).__name__}: {last_error}") from last_error
