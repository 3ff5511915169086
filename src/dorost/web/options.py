"""Request options → :class:`~dorost.config.Config`, with a clear message for every mistake.

The options object of ``POST /api/fix`` (and the ``options`` field of ``POST /api/fix-pdf``)::

    {"digits": "keep" | "persian" | "latin",
     "diacritics": "keep" | "remove",
     "only": ["fix", ...],          # run only these fixes
     "skip": ["fix", ...],          # do not run these fixes
     "skip_families": ["family", ...],  # do not run any fix of these families
     "markdown": true | false}      # the text is Markdown: keep its line breaks (default: a file named .md is)

Every key is optional; unknown keys are refused, so a misspelt option is never silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dorost.config import DIACRITIC_POLICIES, DIGIT_POLICIES, Config
from dorost.pipeline import FIXES

OPTION_KEYS = ("digits", "diacritics", "only", "skip", "skip_families", "markdown")


class OptionsError(ValueError):
    """The options cannot be understood; the message says why."""


def families() -> tuple[str, ...]:
    """The fix families, in pipeline order."""
    return tuple(dict.fromkeys(fix.family for fix in FIXES))


def _names(options: Mapping[str, Any], key: str) -> list[str]:
    value = options.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise OptionsError(f"options.{key} must be a list of names")
    return value


def _choice(options: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = options.get(key, "keep")
    if value not in allowed:
        raise OptionsError(f"options.{key} must be one of {', '.join(allowed)}, not {value!r}")
    return str(value)


def config_from_options(options: object) -> Config:
    """Build the configuration a request asks for.

    >>> config = config_from_options({"digits": "persian", "skip_families": ["encoding"]})
    >>> config.digits, config.decode_html_entities, config.unify_arabic_letters
    ('persian', False, True)
    >>> config_from_options({"digit": "latin"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dorost.web.options.OptionsError: unknown option: digit (known: digits, diacritics, only, skip, ...)
    """
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise OptionsError('options must be an object, e.g. {"digits": "persian"}')
    unknown = sorted(key for key in options if key not in OPTION_KEYS)
    if unknown:
        raise OptionsError(f"unknown option: {', '.join(unknown)} (known: {', '.join(OPTION_KEYS)})")
    markdown_option(options)  # refused here, with the rest, when it is no true or false
    digits = _choice(options, "digits", DIGIT_POLICIES)
    diacritics = _choice(options, "diacritics", DIACRITIC_POLICIES)
    skip = _names(options, "skip")
    skip_families = _names(options, "skip_families")
    wrong = [family for family in skip_families if family not in families()]
    if wrong:
        raise OptionsError(f"unknown fix family: {', '.join(wrong)} (known: {', '.join(families())})")
    skip += [fix.name for fix in FIXES if fix.family in skip_families and fix.name not in skip]
    only = _names(options, "only") if "only" in options else None
    if only == []:
        # As `dorost fix --only ""`: running no fix and answering "no edits" would pass for a clean text.
        raise OptionsError("options.only needs the names of the fixes to run; leave it out to run them all")
    names = {fix.name for fix in FIXES}
    wrong = [name for name in [*(only or []), *skip] if name not in names]
    if wrong:
        named = [name for name in wrong if name in families()]
        hint = (
            f"; {', '.join(named)} {'is a family' if len(named) == 1 else 'are families'}: see skip_families"
            if named
            else ""
        )
        raise OptionsError(f"unknown fix: {', '.join(wrong)} (see GET /api/fixes{hint})")
    try:
        base = Config(digits=digits, diacritics=diacritics)  # type: ignore[arg-type]
        config = base.with_fixes(only=only, skip=skip)
    except ValueError as error:
        raise OptionsError(str(error)) from error
    if not any(getattr(config, name) for name in names):
        # Every family switched off on the page: "no edits" would read as a text needing no repair.
        raise OptionsError("the options leave no fix to run (only, skip and skip_families)")
    return config


def markdown_option(options: object) -> bool | None:
    """Whether the options say the text is Markdown (``"markdown": true``) or is not; None where they say nothing.

    >>> markdown_option({"markdown": True}), markdown_option({}), markdown_option(None)
    (True, None, None)
    >>> markdown_option({"markdown": "yes"})
    Traceback (most recent call last):
    ...
    dorost.web.options.OptionsError: options.markdown must be true or false, not 'yes'
    """
    if not isinstance(options, dict) or options.get("markdown") is None:
        return None
    value = options["markdown"]
    if not isinstance(value, bool):
        raise OptionsError(f"options.markdown must be true or false, not {value!r}")
    return value
