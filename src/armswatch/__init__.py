"""armswatch: Chinese-language arms-control news into a searchable, source-grounded knowledge base.

The command line, API and web UI are thin layers over what this package exports.
"""

from armswatch.batch import extract, ingest
from armswatch.document import Document
from armswatch.extract.pipeline import Pipeline
from armswatch.store import open_store

__all__ = ["Document", "Pipeline", "extract", "ingest", "open_store"]
__version__ = "0.1.0"
