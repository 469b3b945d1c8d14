"""POST /api/documents: ingest uploaded article files through the same path as `armswatch ingest`.

Writing to the store from the network is off unless the operator sets a token, and every
upload is bounded in size before it is read whole. What ingest rejects (binary, empty, not an
article) comes back as a 4xx with the reason, as the CLI would print it.
"""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import APIRouter, File, Header, HTTPException, Request, UploadFile

from armswatch import batch
from armswatch.api.deps import StoreDep
from armswatch.errors import InputError
from armswatch.extract.pipeline import Pipeline
from armswatch.ingest.source import from_bytes
from armswatch.process import Options, process_raw

router = APIRouter(prefix="/api", tags=["api"])

_pipeline: Pipeline | None = None
_lock = threading.Lock()  # one pipeline, loaded once; its models are not shared between threads


def _authorize(request: Request, authorization: str | None) -> None:
    token = request.app.state.settings.upload_token
    if not token:
        raise HTTPException(status_code=403, detail="uploads are disabled on this server "
                                                    "(start it with --upload-token or ARMSWATCH_UPLOAD_TOKEN)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(status_code=401, detail="a valid upload token is required (Authorization: Bearer …)",
                            headers={"WWW-Authenticate": "Bearer"})


def _read_capped(upload: UploadFile, limit: int) -> bytes:
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(status_code=413, detail=f"{upload.filename}: larger than the {limit:,}-byte upload "
                                                    "limit of this server")
    return data


@router.post("/documents", status_code=201, summary="Ingest uploaded article files (needs the upload token)")
def upload_documents(request: Request, store: StoreDep,
                           files: Annotated[list[UploadFile], File(description="Article files in any format "
                                                                               "`armswatch ingest` reads.")],
                           authorization: Annotated[str | None, Header()] = None):
    """Runs in the thread pool (a plain def): extraction takes seconds and must not stall other requests."""
    _authorize(request, authorization)
    settings = request.app.state.settings
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_upload_bytes * max(len(files), 1) + 65536:
        raise HTTPException(status_code=413, detail="request larger than the upload limit of this server")
    bodies = [(f.filename or "upload", _read_capped(f, settings.max_upload_bytes)) for f in files]
    summary = batch.Summary()
    options = Options()
    with _lock:
        global _pipeline
        if _pipeline is None:
            _pipeline = Pipeline.from_names(options.stages)
        for name, data in bodies:
            source = f"upload:{name}"
            try:
                raw = from_bytes(source, data, max_bytes=settings.max_upload_bytes)
            except InputError as exc:
                summary.inputs += 1
                summary.rejected.append((exc.source, exc.reason))
                continue
            batch.store_outcome(store, process_raw(raw, options, _pipeline), summary)
        store.index_pending()
    result = summary.as_dict()
    if summary.rejected and not (summary.ingested or summary.duplicates or summary.unchanged):
        raise HTTPException(status_code=422 if len(bodies) == 1 else 400,
                            detail={"message": "nothing was ingested", **result})
    return result
