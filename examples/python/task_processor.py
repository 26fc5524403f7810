#!/usr/bin/env python3
"""A per-message task in the style of seed 002's task_processor.py (standard library only).

Run it under edw, one process per message, as a KEDA ScaledJob runs one task per job:

    ./edw job --processor exec --processor-option mode=per-message -- \
        python3 examples/python/task_processor.py

The task data is the message body. edw puts it on stdin and in EDW_MESSAGE and KEDA_TASK_DATA
(which KEDA itself never sets), so the seed's `--process-event "$KEDA_TASK_DATA"` works as well.
Exit 0 means done; the lines it prints on stdout are result rows, one JSON object per line. Any
other exit fails the attempt, and the end of stderr is the reason edw records (in the poison
queue, after the last attempt). Progress messages go to stderr, so stdout carries rows only.
"""

import json
import os
import sys
from datetime import datetime, timezone


def task_data():
    if len(sys.argv) > 2 and sys.argv[1] == "--process-event":
        return sys.argv[2]
    if os.environ.get("KEDA_TASK_DATA"):
        return os.environ["KEDA_TASK_DATA"]
    return sys.stdin.read()


def process_task(task):
    print(f"Processing task: {task}", file=sys.stderr)
    now = datetime.now(timezone.utc)
    return {
        "PartitionKey": os.environ.get("EDW_MESSAGE_ID", "local"),
        "RowKey": "task",
        "task": json.dumps(task),
        "attempt": int(os.environ.get("EDW_DEQUEUE_COUNT", "1")),
        "processedAt": now.isoformat(),
    }


if __name__ == "__main__":
    raw = task_data()
    if not raw.strip():
        print("Error: Missing task data", file=sys.stderr)
        sys.exit(1)
    try:
        task = json.loads(raw)
    except json.JSONDecodeError as e:
        print(f"Error: task data is not JSON: {e}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(process_task(task)))
