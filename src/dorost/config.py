"""Configuration: one immutable record, a switch per fix and the few policies a user chooses."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from operator import attrgetter
from typing import Literal

DigitPolicy = Literal["keep", "persian", "latin"]
DiacriticPolicy = Literal["keep", "remove"]

DIGIT_POLICIES: tuple[DigitPolicy, ...] = ("keep", "persian", "latin")
DIACRITIC_POLICIES: tuple[DiacriticPolicy, ...] = ("keep", "remove")


@dataclass(frozen=True, slots=True)
class Config:
    """What to repair and how.

    Every fix in :data:`dorost.pipeline.FIXES` has a switch of the same name, on by default.
    The defaults are what a careful Persian editor does: unify letters, drop junk, keep
    meaning-bearing marks (tanwin, hamza, shadda) and keep the digits the author chose.

    >>> Config().digits
    'keep'
    >>> Config(digits="persian").with_fixes(skip=["repair_mojibake"]).repair_mojibake
    False
    >>> from dorost import fix
    >>> fix("سال ۱۴۰۳", Config(digits="latin"))
    'سال 1403'
    >>> fix("مي شود", Config().with_fixes(only=["unify_arabic_letters"]))  # the spacing fix is off
    'می شود'
    """

    # Encoding and markup
    decode_html_entities: bool = True
    repair_mojibake: bool = True
    # Layout and reading order (these see the raw lines and spaces)
    unwrap_embedded_runs: bool = True
    restore_visual_order: bool = True
    remove_page_furniture: bool = True
    reorder_reversed_runs: bool = True
    join_broken_lines: bool = True
    # Letters
    expand_presentation_forms: bool = True
    unify_arabic_letters: bool = True
    remove_kashida: bool = True
    restore_mark_order: bool = True
    restore_lam_alef: bool = True
    restore_lost_alef: bool = True
    remove_invisible_junk: bool = True
    unify_digits: bool = True
    remove_diacritics: bool = True
    # Separators
    tidy_zwnj: bool = True
    restore_spacing: bool = True
    fix_punctuation: bool = True
    normalize_whitespace: bool = True

    # Policies
    digits: DigitPolicy = "keep"
    diacritics: DiacriticPolicy = "keep"
    max_rounds: int = 4

    def __post_init__(self) -> None:
        # A switch given as a string ("no", "false") would be true: refuse anything but a bool. (The
        # switches are read and their types compared in C: a Config is made for each dorost.fix call
        # with options, and the names are listed only when one is wrong.)
        if set(map(type, _switches(self))) != {bool}:
            wrong = [name for name in _FIX_NAMES if not isinstance(getattr(self, name), bool)]
            raise TypeError(f"fix switches are True or False: {', '.join(f'{n}={getattr(self, n)!r}' for n in wrong)}")
        if self.digits not in DIGIT_POLICIES:
            raise ValueError(f"digits must be one of {', '.join(DIGIT_POLICIES)}, not {self.digits!r}")
        if self.diacritics not in DIACRITIC_POLICIES:
            raise ValueError(f"diacritics must be one of {', '.join(DIACRITIC_POLICIES)}, not {self.diacritics!r}")
        if isinstance(self.max_rounds, bool) or not isinstance(self.max_rounds, int) or not 1 <= self.max_rounds <= 10:
            raise ValueError("max_rounds must be between 1 and 10")

    @classmethod
    def fix_names(cls) -> tuple[str, ...]:
        """Names of all fix switches, in declaration order."""
        return _FIX_NAMES

    def enabled(self, fix: str) -> bool:
        return bool(getattr(self, fix))

    def with_fixes(
        self,
        only: str | list[str] | tuple[str, ...] | None = None,
        skip: str | list[str] | tuple[str, ...] = (),
    ) -> Config:
        """A copy with only the ``only`` fixes on (if given) and the ``skip`` fixes off.

        >>> Config().with_fixes(only=["unify_arabic_letters"]).restore_spacing
        False
        >>> Config().with_fixes(skip="restore_spacing").restore_spacing  # one name alone is a list of one
        False
        """
        # A lone string is one name, not a list of its letters.
        only = [only] if isinstance(only, str) else only
        skip = [skip] if isinstance(skip, str) else skip
        names = _FIX_NAMES
        unknown = [name for name in [*(only or ()), *skip] if name not in names]
        if unknown:
            raise ValueError(f"unknown fix: {', '.join(unknown)} (see `dorost fixes`)")
        switches: dict[str, bool] = {}
        if only is not None:
            switches = {name: name in only for name in names}
        for name in skip:
            switches[name] = False
        return replace(self, **switches)  # type: ignore[arg-type]


# Read from the class once: the fields do not change.
_FIX_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Config) if f.type in ("bool", bool))
_switches = attrgetter(*_FIX_NAMES)

#: The default configuration (a Config is immutable: one serves every call that gives none).
DEFAULT_CONFIG = Config()
