"""An import that stops at one of its steps, for the process tests: `python pausing_ingest.py DB
FILE STEP THEN`.

STEP is `reading`, `checking` or `storing` (the steps `ingest_file` reports), or `writing` (inside
the import's transaction, while events are written; with THEN `kill` only). At STEP the process
prints the step's name, then, with THEN `wait`, waits for a line on stdin before it goes on; with
THEN `kill`, it kills itself with SIGKILL. It prints the report's status at the end.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store


def main() -> None:
    db, file, step, then = sys.argv[1:5]

    def arrived() -> None:
        print(step, flush=True)
        if then == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        sys.stdin.readline()

    def progress(name: str) -> None:
        if name == step:
            arrived()

    if step == "writing":
        main_thread = threading.main_thread()

        def watch() -> None:
            # Stop the process the moment its main thread is storing events: mid-transaction.
            while True:
                frame = sys._current_frames().get(main_thread.ident or 0)
                while frame is not None:
                    if frame.f_code.co_name == "store_events":
                        arrived()
                        return
                    frame = frame.f_back

        threading.Thread(target=watch, daemon=True).start()
    with Store(db) as store:
        report = ingest_file(store, Path(file), progress=progress)
    print(report.status, flush=True)


if __name__ == "__main__":
    main()
