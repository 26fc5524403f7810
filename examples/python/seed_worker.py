#!/usr/bin/env python3
"""The seed's consumer as an edw persistent worker (standard library only).

Run it under edw:

    ./edw consume --processor exec -- python3 examples/python/seed_worker.py

edw writes one JSON line per message to stdin:
    {"id": "...", "body": "{\"msg\": ..., \"srcStamp\": ...}", "dequeueCount": 1}
and this worker answers one line per message on stdout:
    {"id": "...", "ok": true, "rows": [ROW]}      or      {"id": "...", "ok": false, "error": "..."}

ROW is the seed's entity: PartitionKey = the message id, RowKey = the srcStamp (both stable when a
message is delivered again, so a redelivery overwrites its own row), data (= msg), srcStamp,
dateStamp (UTC now) and messageProcessingTime (seconds from srcStamp to now).

It reads whatever stdin has ready and answers every complete line of it; while more input is
already waiting it reads that too before it writes, so a burst costs one write of all its answers
rather than one per message (at most MAX_HELD answers wait so). It exits when stdin closes (edw is
draining, or was killed). Logs go to stderr; stdout carries answers only.
"""

import json
import os
import select
import sys
from datetime import datetime, timezone

STAMP = "%Y-%m-%d %H:%M:%S"

# Most answers held back while more input is waiting, so that edw is never kept waiting long.
MAX_HELD = 256


def date_stamp(now):
    """The seed's dateStamp text of a UTC time, e.g. 2026-11-23 04:00:00.000000."""
    return now.strftime(STAMP) + f".{now.microsecond:06d}"


def seed_row(message_id, body, now, stamp=None):
    """The seed consumer's work on one message body; raises ValueError when it is malformed."""
    try:
        message = json.loads(body)
    except json.JSONDecodeError as e:
        raise ValueError(f"body is not valid JSON: {e}") from None
    if not isinstance(message, dict):
        raise ValueError("body is not a JSON object")
    if "msg" not in message:
        raise ValueError("body has no 'msg'")
    src_stamp = message.get("srcStamp")
    if not isinstance(src_stamp, str):
        raise ValueError("body has no 'srcStamp' string")
    try:
        source = datetime.fromisoformat(src_stamp).replace(tzinfo=timezone.utc)
    except ValueError:
        raise ValueError(f"'srcStamp' is not a time stamp like 2026-11-23 04:00:00.000000: {src_stamp}") from None
    msg = message["msg"]
    return {
        "PartitionKey": message_id,
        "RowKey": src_stamp,
        "data": msg if isinstance(msg, str) else json.dumps(msg),
        "srcStamp": src_stamp,
        "dateStamp": stamp if stamp is not None else date_stamp(now),
        "messageProcessingTime": (now - source).total_seconds(),
    }


def answer(line, now, stamp):
    try:
        request = json.loads(line)
        message_id = request["id"]
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        print(f"seed_worker: ignoring a line that is not a request: {e}", file=sys.stderr)
        return None
    try:
        row = seed_row(message_id, request["body"], now, stamp)
        return json.dumps({"id": message_id, "ok": True, "rows": [row]})
    except Exception as e:  # any failure fails this message only
        return json.dumps({"id": message_id, "ok": False, "error": str(e)})


def write_all(fd, answers):
    data = ("\n".join(answers) + "\n").encode()
    while data:
        data = data[os.write(fd, data):]


def input_waiting(fd):
    return bool(select.select([fd], [], [], 0)[0])


def main():
    stdin = sys.stdin.fileno()
    stdout = sys.stdout.fileno()
    pending = b""
    answers = []
    while True:
        chunk = os.read(stdin, 1 << 16)
        if not chunk:
            if answers:
                write_all(stdout, answers)
            return 0
        pending += chunk
        *lines, pending = pending.split(b"\n")
        now = datetime.now(timezone.utc)
        stamp = date_stamp(now)
        for line in lines:
            if line.strip():
                a = answer(line, now, stamp)
                if a:
                    answers.append(a)
        if answers and (len(answers) >= MAX_HELD or not input_waiting(stdin)):
            write_all(stdout, answers)
            answers = []


if __name__ == "__main__":
    sys.exit(main())
