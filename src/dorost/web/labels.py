"""Persian names for the fix families and the fixes, as the page shows them.

A fix without a Persian name here is shown by its own name and its English summary, so a new
fix appears on the page without any change to this file.
"""

from __future__ import annotations

FAMILY_LABELS: dict[str, str] = {
    "encoding": "رمزگذاری و نشانه‌گذاری HTML",
    "layout": "چینش و ترتیب خواندن",
    "letters": "حروف، ارقام و اعراب",
    "separators": "فاصله، نیم‌فاصله و نشانه‌ها",
}

FIX_LABELS: dict[str, str] = {
    "decode_html_entities": "رمزگشایی نویسه‌های HTML",
    "repair_mojibake": "ترمیم متن درهم‌ریخته از رمزگذاری نادرست",
    "unwrap_embedded_runs": "جابه‌جایی فاصلهٔ تکه‌های چپ‌به‌راست pdftotext",
    "restore_visual_order": "بازگرداندن ترتیب خواندن سطرهای نمایشی",
    "remove_page_furniture": "حذف سرصفحه، پاصفحه و شمارهٔ صفحه",
    "reorder_reversed_runs": "مرتب کردن تکه‌های وارونهٔ سطر",
    "join_broken_lines": "پیوستن سطرهای شکسته",
    "expand_presentation_forms": "بازگرداندن شکل‌های نمایشی حروف",
    "unify_arabic_letters": "یکسان‌سازی حروف عربی (ي، ك)",
    "remove_kashida": "حذف کشیده",
    "restore_mark_order": "بازگرداندن جای اعراب و همزه (گنجینٔه ← گنجینهٔ)",
    "restore_lam_alef": "بازگرداندن «لا»ی واژگون (سالمت ← سلامت)",
    "restore_lost_alef": "بازگرداندن الفِ گمشدهٔ «لا» (مقالت ← مقالات)",
    "remove_invisible_junk": "حذف نویسه‌های نامرئی زائد",
    "unify_digits": "یکسان‌سازی ارقام",
    "remove_diacritics": "حذف اعراب",
    "tidy_zwnj": "مرتب‌سازی نیم‌فاصله",
    "restore_spacing": "بازگرداندن فاصله و نیم‌فاصله",
    "fix_punctuation": "اصلاح نشانه‌گذاری",
    "normalize_whitespace": "یکسان‌سازی فاصله‌ها",
}


def family_label(family: str) -> str:
    return FAMILY_LABELS.get(family, family)


def fix_label(name: str, summary: str) -> str:
    return FIX_LABELS.get(name, summary or name)
