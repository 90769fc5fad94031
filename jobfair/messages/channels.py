"""How a message travels: email over SMTP, SMS through a provider's HTTP API.

A channel's `send(message)` returns normally when the message was handed over, raises
TemporaryFailure when trying again later may work (network, 4xx SMTP, 5xx HTTP) and
PermanentFailure when it will not (a refused address, a rejected number).
"""

import base64
import hashlib
import hmac
import json
import re
import smtplib
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from . import outbound


class TemporaryFailure(Exception):
    """Worth another attempt later."""


class PermanentFailure(Exception):
    """Retrying will not help."""


@dataclass(frozen=True)
class Outgoing:
    """What a channel needs of a message, read from the database before anything is sent:
    no channel touches the database, so no transaction stays open across the network."""

    id: int
    kind: str
    subject: str
    body: str
    short_text: str = ""
    attachments: list = field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    webhook_url: str | None = None  # None for a webhook that was removed
    webhook_secret: str = ""


def header_text(value) -> str:
    """A header value on one line: CR, LF and other control characters become spaces."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", str(value or "")).strip()


class Channel(Protocol):
    name: str

    def send(self, message: Outgoing) -> None: ...


class EmailChannel:
    """SMTP with STARTTLS (MAIL_USE_TLS) and log-in when configured; .ics files attached."""

    name = "email"

    def __init__(self, config):
        self.config = config

    def build(self, message: Outgoing) -> EmailMessage:
        config = self.config
        email = EmailMessage()
        # A role title or company name with a line break must not break (or add) headers.
        email["Subject"] = header_text(message.subject)
        email["From"] = header_text(config.get("MAIL_DEFAULT_SENDER", "jobfair@localhost"))
        email["To"] = header_text(message.email)
        # One id per message: a receiving server that sees it twice can tell.
        domain = (config.get("MAIL_DEFAULT_SENDER") or "jobfair.local").rpartition("@")[2]
        email["Message-ID"] = make_msgid(f"message-{message.id}", domain=domain or None)
        email.set_content(message.body)
        for attachment in message.attachments or []:
            maintype, _, subtype = attachment["content_type"].partition("/")
            subtype, _, params = subtype.partition(";")
            email.add_attachment(
                attachment["content"].encode("utf-8"),
                maintype=maintype,
                subtype=subtype.strip(),
                filename=header_text(attachment["filename"]),
                params=dict([p.strip().split("=", 1)]) if (p := params.strip()) else None,
            )
        return email

    def send(self, message: Outgoing) -> None:
        config = self.config
        try:
            with smtplib.SMTP(
                config["MAIL_SERVER"], int(config.get("MAIL_PORT", 587)), timeout=20
            ) as smtp:
                if config.get("MAIL_USE_TLS", True):
                    smtp.starttls()
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
                smtp.send_message(self.build(message))
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentFailure(f"address refused: {exc.recipients}") from exc
        except smtplib.SMTPResponseException as exc:
            kind = PermanentFailure if exc.smtp_code >= 500 else TemporaryFailure
            raise kind(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc


class TwilioSms:
    """Twilio's Programmable Messaging API: POST /2010-04-01/Accounts/{sid}/Messages.json.

    Configure SMS_PROVIDER="twilio", TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and SMS_FROM
    (a number or a Messaging Service SID starting with "MG"); SMS_API_BASE changes the host
    (tests point it at a local server).
    """

    name = "sms"

    def __init__(self, config):
        self.base = (config.get("SMS_API_BASE") or "https://api.twilio.com").rstrip("/")
        if not self.base.startswith(("https://", "http://")):
            raise ValueError("SMS_API_BASE must be an http(s) URL")
        self.sid = config["TWILIO_ACCOUNT_SID"]
        self.token = config["TWILIO_AUTH_TOKEN"]
        self.sender = config["SMS_FROM"]

    def send(self, message: Outgoing) -> None:
        fields = {"To": message.phone, "Body": message.short_text or message.subject}
        fields["MessagingServiceSid" if self.sender.startswith("MG") else "From"] = self.sender
        # The base is the operator's setting (https by default), never a user's input.
        request = urllib.request.Request(  # noqa: S310
            f"{self.base}/2010-04-01/Accounts/{urllib.parse.quote(self.sid)}/Messages.json",
            data=urllib.parse.urlencode(fields).encode(),
            headers={
                "Authorization": "Basic "
                + base64.b64encode(f"{self.sid}:{self.token}".encode()).decode(),
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
                json.load(response)
        except urllib.error.HTTPError as exc:
            kind = TemporaryFailure if exc.code >= 500 or exc.code == 429 else PermanentFailure
            raise kind(f"SMS provider answered {exc.code}") from exc
        except (TimeoutError, OSError, ValueError) as exc:
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc


class WebhookChannel:
    """POSTs a webhook delivery (the message body, JSON) to its URL, signed with HMAC-SHA256.

    Only public addresses unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES: a recruiter's URL must not
    reach into the platform's own network. The name is resolved once and the connection goes
    to the address that was checked (see outbound.py); redirects are not followed; the whole
    delivery has WEBHOOK_TIMEOUT_SECONDS.
    """

    name = "webhook"

    def __init__(self, config):
        self.allow_private = bool(config.get("WEBHOOK_ALLOW_PRIVATE_ADDRESSES"))
        self.deadline = float(config.get("WEBHOOK_TIMEOUT_SECONDS", 10))

    @staticmethod
    def signature(secret: str, timestamp: int, body: bytes) -> str:
        digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
        return f"t={timestamp},v1={digest.hexdigest()}"

    def send(self, message: Outgoing) -> None:
        if message.webhook_url is None:
            raise PermanentFailure("the webhook was removed")
        body = message.body.encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "jobfair-webhooks/1",
            "X-Jobfair-Event": header_text(message.subject),
            "X-Jobfair-Delivery": str(message.id),
            "X-Jobfair-Signature": self.signature(message.webhook_secret, int(time.time()), body),
        }
        try:
            status = outbound.post(
                message.webhook_url,
                body,
                headers,
                deadline=self.deadline,
                allow_private=self.allow_private,
            )
        except outbound.AddressRefused as exc:
            raise PermanentFailure(str(exc)) from exc
        except outbound.Unreachable as exc:
            raise TemporaryFailure(str(exc)) from exc
        if status >= 300:
            temporary = status >= 500 or status in (408, 429)
            kind = TemporaryFailure if temporary else PermanentFailure
            raise kind(f"webhook answered {status}")


SMS_PROVIDERS = {"twilio": TwilioSms}


def email_channel(config) -> EmailChannel | None:
    return EmailChannel(config) if config.get("MAIL_SERVER") else None


def sms_channel(config) -> Channel | None:
    provider = SMS_PROVIDERS.get(config.get("SMS_PROVIDER") or "")
    return provider(config) if provider else None
