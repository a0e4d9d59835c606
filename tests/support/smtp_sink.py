"""An aiosmtpd handler for tests: each message becomes one JSON file.

Run it with Debian's aiosmtpd (python3-aiosmtpd):
    PYTHONPATH=tests/support /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT \
        -c smtp_sink.JsonFiles OUTDIR

OUTDIR/N.json holds the envelope, the raw message, and its headers and body as Python's email
package decodes them (RFC 2047 words, charset, transfer encoding): an independent reading of
what the sender wrote. A recipient whose local part starts with "reject" is refused with 550.
"""
import base64
import email
import email.policy
import io
import json
import os
import re
import threading
import zipfile


def attachment(part):
    """A file's name, type and size; for a spreadsheet, the strings of its cells (read with
    zipfile, independently of the library that wrote it)."""
    data = part.get_payload(decode=True) or b""
    out = {"filename": part.get_filename(), "content_type": part.get_content_type(),
           "size": len(data), "zip": data[:2] == b"PK"}
    if out["zip"]:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = z.namelist()
                text = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in names else ""
                inline = "".join(z.read(n).decode("utf-8") for n in names if n.startswith("xl/worksheets/"))
                out["strings"] = re.findall(r"<t[^>]*>([^<]*)</t>", text + inline)
        except zipfile.BadZipFile:
            out["zip"] = False
    else:
        out["text_b64"] = base64.b64encode(data).decode("ascii")
    return out


class JsonFiles:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0
        self.lock = threading.Lock()
        os.makedirs(outdir, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.JsonFiles needs one argument: the output directory")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "date": str(msg["Date"]),
            "content_type": msg.get_content_type(),
            "charset": (msg.get_body(preferencelist=("plain",)) or msg).get_content_charset(),
            "body": (msg.get_body(preferencelist=("plain",)) or msg).get_content(),
            "attachments": [attachment(p) for p in msg.iter_attachments()],
            "raw": raw.decode("ascii", "replace"),
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.outdir, "%d.json" % self.count)
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".tmp", name)  # readers never see half a file
        return "250 Message accepted for delivery"
