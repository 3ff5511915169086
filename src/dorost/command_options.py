"""The command-line options that make a :class:`Config`: one declaration and one reading of them for
`dorost fix`, `dorost check` and `dorost batch`, so that the three take and refuse the same words.

Light (click only): `dorost batch` is registered with every command, and the pipeline (to name the
fixes) is imported only when the options are read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from dorost.config import DIACRITIC_POLICIES, DIGIT_POLICIES, Config

CONFIG_OPTIONS = (
    click.option(
        "--only",
        metavar="FIX,...",
        multiple=True,
        help="Run only these fixes (see `dorost fixes`); may be given again.",
    ),
    click.option("--skip", metavar="FIX,...", multiple=True, help="Do not run these fixes; may be given again."),
    click.option(
        "--digits",
        type=click.Choice(DIGIT_POLICIES),
        default="keep",
        show_default=True,
        help="Digit system: keep the author's, or write all Persian or all Latin.",
    ),
    click.option(
        "--diacritics",
        type=click.Choice(DIACRITIC_POLICIES),
        default="keep",
        show_default=True,
        help="Keep or remove harakat and tanwin.",
    ),
)

F = TypeVar("F", bound=Callable[..., Any])


def with_config_options(function: F) -> F:
    """Add the options of :data:`CONFIG_OPTIONS` to a command, in that order."""
    for option in reversed(CONFIG_OPTIONS):
        function = option(function)
    return function


def fix_names(values: tuple[str, ...]) -> list[str]:
    """The fixes named by each use of an option (`--skip a,b --skip c`): a hook's own `--skip` adds to its entry's.

    >>> fix_names(("a, b", "", "c"))
    ['a', 'b', 'c']
    """
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def config_from_options(only: tuple[str, ...], skip: tuple[str, ...], digits: str, diacritics: str) -> Config:
    """The configuration the options ask for; a :class:`ValueError` says what no command should run.

    >>> config_from_options(("restore_zwnj",), (), "keep", "keep")
    Traceback (most recent call last):
    ...
    ValueError: unknown fix: restore_zwnj (see `dorost fixes`)
    """
    from dorost.pipeline import FIXES, FIXES_BY_NAME, family_of_fixes

    if only and not fix_names(only):
        # `--only "$FIXES"` with an empty variable: neither every fix nor none is what was meant.
        raise ValueError("--only needs the names of the fixes to run (see `dorost fixes`)")
    for name in [*fix_names(only), *fix_names(skip)]:
        family = family_of_fixes(name) if name not in FIXES_BY_NAME else None
        if family is not None:  # `dorost fixes` lists each fix's family beside its name: `--skip layout` is tried
            raise ValueError(f"{family} (see `dorost fixes`)")
    base = Config(digits=digits, diacritics=diacritics)  # type: ignore[arg-type]
    config = base.with_fixes(only=fix_names(only) if only else None, skip=fix_names(skip))
    if not any(getattr(config, fix.name) for fix in FIXES):
        # `--only X --skip X`: the input would come back as it went, read as needing no repair.
        raise ValueError("--only and --skip leave no fix to run (see `dorost fixes`)")
    return config
