"""Persian names for the fix families and the fixes, as the page shows them.

A fix without a Persian name here is shown by its own name and its English summary, so a new
fix appears on the page without any change to this file.
"""

from __future__ import annotations

FAMILY_LABELS: dict[str, str] = {
    "encoding": "رمزگذاری و نشانه\u200cگذاری HTML",
    "layout": "چینش و ترتیب خواندن",
    "letters": "حروف، ارقام و اعراب",
    "separators": "فاصله، نیم\u200cفاصله و نشانه\u200cها",
}

FIX_LABELS: dict[str, str] = {
    "decode_html_entities": "رمزگشایی نویسه\u200cهای HTML",
    "repair_mojibake": "ترمیم متن درهم\u200cریخته از رمزگذاری نادرست",
    "unwrap_embedded_runs": "جابه\u200cجایی فاصلهٔ تکه\u200cهای چپ\u200cبه\u200cراست pdftotext",
    "restore_visual_order": "بازگرداندن ترتیب خواندن سطرهای نمایشی",
    "remove_page_furniture": "حذف سرصفحه، پاصفحه و شمارهٔ صفحه",
    "reorder_reversed_runs": "مرتب کردن تکه\u200cهای وارونهٔ سطر",
    "join_broken_lines": "پیوستن سطرهای شکسته",
    "expand_presentation_forms": "بازگرداندن شکل\u200cهای نمایشی حروف",
    "unify_arabic_letters": "یکسان\u200cسازی حروف عربی (ي، ك)",
    "remove_kashida": "حذف کشیده",
    "restore_mark_order": "بازگرداندن جای اعراب و همزه (گنجینٔه ← گنجینهٔ)",
    "restore_lam_alef": "بازگرداندن «لا»ی واژگون (سالمت ← سلامت)",
    "restore_lost_alef": "بازگرداندن الفِ گمشدهٔ «لا» (مقالت ← مقالات)",
    "remove_invisible_junk": "حذف نویسه\u200cهای نامرئی زائد",
    "unify_digits": "یکسان\u200cسازی ارقام",
    "remove_diacritics": "حذف اعراب",
    "tidy_zwnj": "مرتب\u200cسازی نیم\u200cفاصله",
    "restore_spacing": "بازگرداندن فاصله و نیم\u200cفاصله",
    "fix_punctuation": "اصلاح نشانه\u200cگذاری",
    "normalize_whitespace": "یکسان\u200cسازی فاصله\u200cها",
}


def family_label(family: str) -> str:
    return FAMILY_LABELS.get(family, family)


def fix_label(name: str, summary: str) -> str:
    return FIX_LABELS.get(name, summary or name)
