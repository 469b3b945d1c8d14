"""A sample of the bench corpus for `make demo`: on-topic articles spread over every source of the tarball.

Most of bench-10k is general news; the demo should show what the tool is for, so articles are taken only
when their text names the topic (nuclear, missiles, arms control), evenly spaced over the tarball so that
every source folder in it is represented. Members are written under flat names: a tar path never decides
where a file lands.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tarfile
from pathlib import Path

TOPIC = re.compile("核武|核弹|核彈|导弹|導彈|飛彈|军控|軍控|弹头|彈頭")
SUFFIXES = {".md", ".txt", ".html", ".htm", ".xml", ".json", ".jsonl"}
MAX_BYTES = 5_000_000


def on_topic(tarball: Path) -> list[tuple[str, bytes]]:
    """(member path, bytes) of every article in the tarball whose text names the topic, in tarball order."""
    found = []
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or Path(member.name).suffix.lower() not in SUFFIXES or member.size > MAX_BYTES:
                continue
            data = tar.extractfile(member).read()
            if TOPIC.search(data.decode("utf-8", errors="ignore")):
                found.append((member.name, data))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tarball", type=Path)
    parser.add_argument("out", type=Path, help="folder to write the sample to (an older sample in it is replaced)")
    parser.add_argument("--count", type=int, default=500, help="articles to take (default 500)")
    args = parser.parse_args()
    if not args.tarball.is_file():
        print(f"bench_sample: {args.tarball}: no such file", file=sys.stderr)
        return 2
    try:
        found = on_topic(args.tarball)
    except (tarfile.TarError, OSError, EOFError) as exc:
        print(f"bench_sample: {args.tarball}: not a readable .tar.gz ({exc})", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.iterdir():
        if old.is_file():
            old.unlink()
    step = max(1.0, len(found) / max(args.count, 1))
    taken = [found[int(i * step)] for i in range(min(args.count, len(found)))]
    for path, data in taken:
        (args.out / (hashlib.sha1(path.encode()).hexdigest()[:16] + Path(path).suffix.lower())).write_bytes(data)
    print(f"bench_sample: {len(taken)} of the {len(found)} on-topic articles of {args.tarball.name} "
          f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
