"""Layout and reading order: the fixes that see the raw lines, blank lines and runs of spaces.

They run after the encoding fixes and before the letter fixes (a lam-alef glyph must still be one
character when a visual-order line is reversed), in this order:

1. :func:`unwrap_embedded_runs` - the edge spaces of pdftotext's left-to-right embeddings;
2. :func:`restore_visual_order` - lines stored in display order back into reading order;
3. :func:`remove_page_furniture` - running headers, footers and page numbers;
4. :func:`reorder_reversed_runs` - runs of a line printed last-first;
5. :func:`join_broken_lines` - lines broken in mid-sentence and artefact blank lines.
"""

from __future__ import annotations

from dorost.fixes.layout.embeddings import LRE, unwrap_embedded_runs
from dorost.fixes.layout.furniture import remove_page_furniture
from dorost.fixes.layout.paragraphs import join_broken_lines
from dorost.fixes.layout.runs import reorder_reversed_runs
from dorost.fixes.layout.visual import restore_visual_order

__all__ = [
    "LRE",
    "join_broken_lines",
    "remove_page_furniture",
    "reorder_reversed_runs",
    "restore_visual_order",
    "unwrap_embedded_runs",
]
