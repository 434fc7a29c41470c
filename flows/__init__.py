"""estimates: news reports in, a ledger of numeric claims out.

The package is named `flows` because the customer's layout puts the pipeline there; the
extractor inside it (`flows.extract`) is a pure library with no Prefect, DuckDB or file I/O.
"""

from flows.speedups import use_sources_if_stale

use_sources_if_stale()  # before any extractor module is imported: see flows/speedups.py
