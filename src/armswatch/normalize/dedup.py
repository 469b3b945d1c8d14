"""Near-duplicate detection: MinHash over script-folded character shingles, with LSH banding.

The same story reposted by another site, in the other script or with other
boilerplate, differs in markup and a few lines; folded 4-character shingles of
its text stay mostly the same. Signatures are split into bands; documents that
share a band key are candidates, and a candidate whose estimated Jaccard
similarity reaches `THRESHOLD` is a near-duplicate. The band keys and
signatures are plain integers and bytes so a store can keep them in SQL.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

import numpy as np
from datasketch import MinHash

from armswatch.normalize.script import fold

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 4
THRESHOLD = 0.7
# The opening of an article identifies a repost as well as the whole of it, at a bounded cost.
MAX_CHARS = 6000
_SEED = 1

_NOT_WORD = re.compile(r"[\W_]+")


# datasketch's seeded affine permutations (scheme "affine32"); applying them is vectorised below, since
# datasketch hashes each shingle in a Python loop, which was the largest cost of reading an article.
_A, _B = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32").permutations
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_STEP = np.uint64(0x100000001B3)


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the folded character 4-grams, spaces and punctuation dropped."""
    s = _NOT_WORD.sub("", fold(text[:MAX_CHARS]))
    cps = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cps) == 0:
        return np.empty(0, dtype=np.uint32)
    if len(cps) < SHINGLE:  # a text shorter than one shingle is one shingle
        cps = np.pad(cps, (0, SHINGLE - len(cps)))
    n = len(cps) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):  # a polynomial hash of each 4-gram, wrapping at 64 bits
        h = h * _STEP + cps[k : k + n]
    return np.unique(((h * _MIX) >> np.uint64(32)).astype(np.uint32))


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM values, stored as uint64) of a text."""
    hv = shingle_hashes(text)
    if hv.size == 0:
        return _EMPTY.copy()
    return (hv[:, None] * _A + _B).min(axis=0).astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band, the band number mixed in so bands never collide."""
    keys = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        keys.append((zlib.crc32(chunk) << 8 | b) & 0x7FFFFFFFFFFFFFFF)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


class DedupIndex(Protocol):
    """Where earlier signatures live: in memory for `extract`, in the store for `ingest`."""

    def minhash_candidates(self, keys: list[int]) -> Iterable[tuple[str, bytes]]:
        """(doc_id, signature bytes) of earlier documents sharing at least one band key."""
        ...


class MemoryDedupIndex:
    """A DedupIndex for one run without a store."""

    def __init__(self) -> None:
        self._bands: dict[int, list[str]] = defaultdict(list)
        self._sigs: dict[str, bytes] = {}

    def minhash_candidates(self, keys: list[int]) -> Iterable[tuple[str, bytes]]:
        seen: set[str] = set()
        for k in keys:
            for doc_id in self._bands.get(k, ()):
                if doc_id not in seen:
                    seen.add(doc_id)
                    yield doc_id, self._sigs[doc_id]

    def add(self, doc_id: str, sig: np.ndarray) -> None:
        if doc_id in self._sigs:
            return
        self._sigs[doc_id] = to_bytes(sig)
        for k in band_keys(sig):
            self._bands[k].append(doc_id)


def find_near_duplicate(index: DedupIndex, doc_id: str, sig: np.ndarray) -> str | None:
    """The most similar earlier document at or above THRESHOLD, else None."""
    best, best_sim = None, THRESHOLD
    for other_id, other_sig in index.minhash_candidates(band_keys(sig)):
        if other_id == doc_id:
            continue
        sim = similarity(sig, from_bytes(other_sig))
        if sim >= best_sim:
            best, best_sim = other_id, sim
    return best
