"""Imported once by the batch run's fork server (:mod:`dorost.batch.runner`).

The pipeline, the language model and the spacing lexicon load here, in the one server process; every
worker is forked from it and starts with them in memory, instead of importing and loading them itself.
"""

from __future__ import annotations

import gc

from dorost.batch.worker import warm_up

warm_up()
# What is loaded now lives as long as the workers: their collections need not walk it again.
gc.freeze()
