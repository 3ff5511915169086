"""dorost (درست): restore damaged Persian text the way a careful editor would, and say what changed.

>>> import dorost
>>> dorost.fix("اين كتاب &ndash; بسيار خوب است .")
'این کتاب – بسیار خوب است.'

``FIXES`` is the pipeline: every fix in the order it runs, each with its name, family and summary.

>>> [fix.name for fix in dorost.FIXES[:2]]
['decode_html_entities', 'repair_mojibake']
>>> dorost.fix("اين &ndash; كتاب", dorost.Config().with_fixes(only=[dorost.FIXES[0].name]))
'اين – كتاب'

``fix_pdf(source, config=None, *, pages=None, password=None, **options)`` rebuilds a PDF's text layer (a path or
the PDF's bytes; ``pip install 'dorost[pdf]'``) and restores it; it returns a :class:`Result` whose edits
know their page. Input it cannot read is an :class:`InputError`:

>>> dorost.fix_pdf("نامه.pdf")
Traceback (most recent call last):
    ...
dorost.errors.InputError: نامه.pdf: no such file
"""

from __future__ import annotations

import os
from typing import Any

from dorost.config import Config
from dorost.edits import Edit, Result, replay
from dorost.errors import DorostError, InputError
from dorost.pipeline import FIXES
from dorost.pipeline import run as _run
from dorost.pipeline import run_counted as _run_counted

__all__ = ["FIXES", "Config", "DorostError", "Edit", "InputError", "Result", "fix", "fix_pdf", "repair", "replay"]
__version__ = "0.1.0"


def repair(text: str, config: Config | None = None, **options: Any) -> Result:
    """Restore ``text`` and return the result with every edit recorded.

    ``options`` are :class:`Config` fields, as for :func:`fix`.

    >>> result = repair("می شود")
    >>> result.text == "می شود" or result.text == "می\\u200cشود"
    True
    >>> result = repair(" سلام")
    >>> result.text, [(e.fix, e.start, e.end) for e in result.edits]
    ('سلام', [('normalize_whitespace', 0, 1)])
    >>> repair("سال ۱۴۰۳", digits="latin").text
    'سال 1403'
    >>> repair("سلام".encode())
    Traceback (most recent call last):
        ...
    TypeError: repair() takes str, not bytes; decode bytes first, or use dorost.inputs.repair_bytes
    >>> repair(None)
    Traceback (most recent call last):
        ...
    TypeError: repair() takes str, not NoneType
    """
    _require_text(text, "repair")
    return _run(text, _configured(config, options))


def fix(text: str, config: Config | None = None, **options: Any) -> str:
    """Restore ``text`` and return only the restored text.

    ``options`` are :class:`Config` fields, e.g. ``digits="latin"`` or ``restore_spacing=False``.

    >>> fix("اين كتاب")
    'این کتاب'
    >>> fix("۱۴۰۳", digits="latin")
    '1403'
    >>> fix(b"abc")
    Traceback (most recent call last):
        ...
    TypeError: fix() takes str, not bytes; decode bytes first, or use dorost.inputs.repair_bytes
    """
    _require_text(text, "fix")
    # Only the text is wanted: the edits are counted, never recorded nor mapped back to the input.
    return _run_counted(text, _configured(config, options))[0]


def _require_text(text: object, caller: str) -> None:
    if not isinstance(text, str):
        # Bytes want decoding (dorost.inputs.repair_bytes reads every encoding dorost knows); None is no text.
        hint = "; decode bytes first, or use dorost.inputs.repair_bytes" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(f"{caller}() takes str, not {type(text).__name__}{hint}")


def _configured(config: Config | None, options: dict[str, Any]) -> Config | None:
    """``config`` with ``options`` (its fields, by name) set: the keyword options of every entry point."""
    if config is not None and not isinstance(config, Config):
        raise TypeError(f"config is a dorost.Config, not {type(config).__name__}; e.g. Config(digits='latin')")
    if not options:
        return config
    unknown = sorted(set(options) - set(Config.__slots__))
    if unknown:
        raise TypeError(f"unknown option: {', '.join(unknown)} (options are the fields of dorost.Config)")
    return Config(**{**_fields(config or Config()), **options})


def _fields(config: Config) -> dict[str, Any]:
    return {name: getattr(config, name) for name in config.__slots__}


def _fix_pdf(
    source: bytes | str | os.PathLike[str],
    config: Config | None = None,
    *,
    pages: str | None = None,
    password: str | None = None,
    **options: Any,
) -> Result:
    """Rebuild a PDF's text layer and restore it (:func:`dorost.inputs.pdf.fix_pdf`); ``options`` are
    :class:`Config` fields, as for :func:`fix`.

    >>> import dorost
    >>> dorost.fix_pdf("نامه.pdf", digits="latin")
    Traceback (most recent call last):
        ...
    dorost.errors.InputError: نامه.pdf: no such file
    >>> dorost.fix_pdf("نامه.pdf", digit="latin")
    Traceback (most recent call last):
        ...
    TypeError: unknown option: digit (options are the fields of dorost.Config)
    """
    from dorost.inputs.pdf import fix_pdf

    result: Result = fix_pdf(source, _configured(config, options), pages=pages, password=password)
    return result


_fix_pdf.__name__ = _fix_pdf.__qualname__ = "fix_pdf"


def __getattr__(name: str) -> Any:
    """``dorost.fix_pdf`` is loaded on first use, so ``import dorost`` stays light without pdfminer
    (and says at once where the PDF front end is not installed)."""
    if name == "fix_pdf":
        import dorost.inputs.pdf  # noqa: F401

        return _fix_pdf
    raise AttributeError(f"module 'dorost' has no attribute {name!r}")
