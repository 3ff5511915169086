// dorost review page: send the text or file to the JSON API, show the restored text with every
// edit highlighted, explain each edit on hover or keyboard focus, and let the reader turn any of
// them back (click, Enter or Space) before copying or downloading. No external resources.
"use strict";

const state = { fixes: new Map(), families: [], result: null, fileName: null, marks: [], rejected: new Set() };
const $ = (id) => document.getElementById(id);
const fa = (n) => Number(n).toLocaleString("fa-IR");

// Characters a reader cannot see, named the way a Persian editor would say them.
const CHAR_NAMES = {
  "\u200c": "نیم‌فاصله",
  "\u200d": "اتصال‌دهنده",
  "\u00a0": "فاصلهٔ نشکن",
  "\u202f": "فاصلهٔ باریک نشکن",
  "\u0640": "کشیده",
  "\u200e": "LRM",
  "\u200f": "RLM",
  "\u061c": "ALM",
  "\ufeff": "BOM",
  "\u00ad": "خط تیرهٔ نرم",
  "\n": "سطر نو",
  "\t": "جهش",
  " ": "فاصله",
};

// A mark made only of characters that take no room (ZWNJ, marks of direction) gets a visible box.
const INVISIBLE_ONLY = /^[\p{Cf}]+$/u;

// The text of an edit's side, with invisible characters written out as ⟨name⟩.
function visible(text) {
  if (text === "") return "∅";
  let out = "";
  for (const ch of text) {
    if (ch in CHAR_NAMES) out += "⟨" + CHAR_NAMES[ch] + "⟩";
    else if (/[\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}]/u.test(ch)) {
      out += "⟨U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + "⟩";
    } else if (/\p{Mn}/u.test(ch)) out += "\u25cc" + ch;
    else out += ch;
  }
  return out;
}

function fixLabel(name) {
  const fix = state.fixes.get(name);
  return fix ? fix.label || fix.summary || name : name;
}

function familyOf(name) {
  const fix = state.fixes.get(name);
  return fix ? fix.family : "other";
}

// ---- options ----------------------------------------------------------------------------

async function loadFixes() {
  const box = $("families");
  try {
    const response = await fetch("/api/fixes");
    const data = await response.json();
    for (const fix of data.fixes) state.fixes.set(fix.name, fix);
    state.families = data.families;
    $("families-loading").remove();
    for (const family of data.families) {
      const members = data.fixes.filter((fix) => fix.family === family.name);
      const input = el("input", { type: "checkbox", name: "family", value: family.name });
      input.checked = true;
      const names = members.map((fix) => fix.label || fix.summary).join("، ");
      box.append(el("label", { class: "family fam-" + family.name, title: names },
        input, " ", el("span", { class: "swatch", "aria-hidden": "true" }), " " + family.label,
        el("small", { text: " (" + fa(members.length) + " اصلاح)" })));
    }
  } catch (error) {
    $("families-loading").textContent = "فهرست اصلاح‌ها خوانده نشد؛ همهٔ اصلاح‌ها انجام می‌شوند.";
  }
}

function options() {
  const form = $("fix-form");
  const skipFamilies = [...form.querySelectorAll("input[name=family]")]
    .filter((box) => !box.checked).map((box) => box.value);
  const result = {
    digits: form.querySelector("input[name=digits]:checked").value,
    diacritics: form.querySelector("input[name=diacritics]:checked").value,
  };
  if (skipFamilies.length) result.skip_families = skipFamilies;
  // Unticked, nothing is said: a file named .md is Markdown all the same (the service reads its name).
  if ($("markdown").checked) result.markdown = true;
  return result;
}

// ---- file picker ------------------------------------------------------------------------

function chosenFile() {
  const files = $("file").files;
  return files && files.length ? files[0] : null;
}

// A PDF is known by its header within the first kilobyte, as the service knows it, so that a PDF
// saved without its extension still gets its pages and password sent.
async function isPdf(file) {
  if (!file) return false;
  if (file.type === "application/pdf" || /\.pdf$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 1024).arrayBuffer());
  return String.fromCharCode(...head).includes("%PDF-");
}

async function onFileChange() {
  const file = chosenFile();
  $("clear-file").hidden = !file;
  const pdf = await isPdf(file);
  if (chosenFile() === file) $("pdf-options").hidden = !pdf;  // not a file chosen since
  $("source").disabled = Boolean(file);
  $("source").setAttribute("aria-disabled", file ? "true" : "false");
  setStatus(file ? "فایل «" + file.name + "» درست می‌شود، نه متن بالا." : "");
}

function clearFile() {
  $("file").value = "";
  onFileChange();
  $("source").focus();
}

// ---- running the fix --------------------------------------------------------------------

const ERROR_TEXT = {
  400: "درخواست نادرست است",
  404: "نشانی پیدا نشد",
  408: "فرستادن متن یا فایل بیش از زمان مجاز طول کشید",
  413: "متن یا فایل بزرگ‌تر از حد مجاز است",
  422: "این فایل خوانده نشد",
  500: "خطای درونی سرور",
  503: "سرور سرش شلوغ است؛ کمی بعد دوباره بکوشید",
  504: "درست کردن این متن بیش از زمان مجاز طول کشید",
};

function setStatus(text) {
  $("status").textContent = text;
}

function showError(text) {
  const box = $("error");
  box.textContent = text;
  box.hidden = !text;
}

// What the reader must know about the text: pages with no text layer (a scan, which needs OCR),
// damage that may have lost text. The service words them in English, so each stays left to right.
function showWarnings(warnings) {
  const box = $("warnings");
  box.replaceChildren();
  box.hidden = warnings.length === 0;
  if (!warnings.length) return;
  box.append(el("strong", { text: "هشدار: ممکن است بخشی از متن خوانده نشده باشد." }));
  const list = el("ul", {});
  for (const warning of warnings) list.append(el("li", {}, el("bdi", { lang: "en", dir: "ltr", text: warning })));
  box.append(list);
}

async function send() {
  const file = chosenFile();
  if (file) {
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("options", JSON.stringify(options()));
    if (await isPdf(file)) {
      if ($("pages").value.trim()) form.append("pages", $("pages").value.trim());
      if ($("password").value) form.append("password", $("password").value);
    }
    return fetch("/api/fix-pdf", { method: "POST", body: form });
  }
  return fetch("/api/fix", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: $("source").value, options: options() }),
  });
}

async function runFix(event) {
  if (event) event.preventDefault();
  const file = chosenFile();
  if (!file && !$("source").value.trim()) {
    showError("نخست متنی بچسبانید یا فایلی برگزینید.");
    $("source").focus();
    return;
  }
  showError("");
  showWarnings([]);
  const button = $("run");
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  setStatus("در حال درست کردن…");
  const started = performance.now();
  try {
    const response = await send();
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok || !data || typeof data.text !== "string") {
      const reason = ERROR_TEXT[response.status] || "خطا";
      const detail = data && data.error ? data.error : "HTTP " + response.status;
      clearResult();
      showError(reason + " (" + detail + ")");
      setStatus("");
      return;
    }
    state.result = data;
    state.fileName = file ? file.name : null;
    render(data);
    showWarnings(data.warnings || []);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    let summary = fa(data.edits.length) + " اصلاح در " + Number(seconds).toLocaleString("fa-IR") + " ثانیه";
    if (data.pages && data.pages.length) summary += "، " + fa(data.pages.length) + " صفحه";
    setStatus(summary);
  } catch (error) {
    clearResult();
    showError("به سرور دسترسی نیست (" + error.message + ")");
    setStatus("");
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

// ---- rendering the result ---------------------------------------------------------------

function render(data) {
  const box = $("result");
  box.replaceChildren();
  hideTip();
  state.marks = [];
  state.rejected = new Set();
  const text = data.text;
  let cursor = 0;
  data.marks.forEach((mark, index) => {
    if (mark.start > cursor) box.append(text.slice(cursor, mark.start));
    const edits = mark.edits.map((i) => data.edits[i]);
    const families = [...new Set(edits.map((edit) => familyOf(edit.fix)))];
    const node = el("mark", {
      tabindex: "0",
      role: "button",
      "aria-pressed": "false",
      class: "edit fam-" + families[0],
      "data-mark": String(index),
      "aria-describedby": "tip",
    });
    showMark(node, mark, text.slice(mark.start, mark.end));
    box.append(node);
    state.marks.push(node);
    cursor = Math.max(cursor, mark.end);
  });
  if (cursor < text.length) box.append(text.slice(cursor));
  if (!text) box.append(el("p", { class: "placeholder", text: "متن خالی است." }));
  renderCounts(data);
  for (const id of ["copy", "download", "download-json"]) $(id).disabled = false;
  for (const id of ["prev-edit", "next-edit"]) $(id).disabled = state.marks.length === 0;
  $("accept-all").hidden = true;
}

// No result: after a request that failed, the text of the one before is not shown, copied or downloaded as if it
// were the restored text of what was just sent (under that earlier file's name).
function clearResult() {
  hideTip();
  state.result = null;
  state.fileName = null;
  state.marks = [];
  state.rejected = new Set();
  $("result").replaceChildren(el("p", { class: "placeholder", text: "متن درست‌شده این‌جا می‌آید و هر اصلاح در آن رنگی است." }));
  $("counts").tBodies[0].replaceChildren();
  for (const id of ["copy", "download", "download-json", "prev-edit", "next-edit"]) $(id).disabled = true;
  $("accept-all").hidden = true;
}

// A mark shows the restored text, or, once turned back, the input its edits replaced.
function showMark(node, mark, shown) {
  node.textContent = shown;
  node.classList.toggle("gone", shown === "");
  node.classList.toggle("unseen", shown !== "" && INVISIBLE_ONLY.test(shown));
  if (shown === "") node.setAttribute("aria-label", state.rejected.has(Number(node.dataset.mark)) ? "بی‌تغییر" : "حذف");
  else node.removeAttribute("aria-label");
}

// ---- turning edits back -----------------------------------------------------------------

// The text as the reader accepted it: the restored text with every turned-back mark's input in place.
function acceptedText() {
  const data = state.result;
  if (!data) return "";
  if (!state.rejected.size) return data.text;
  let out = "";
  let cursor = 0;
  data.marks.forEach((mark, index) => {
    out += data.text.slice(cursor, mark.start);
    out += state.rejected.has(index) ? mark.before : data.text.slice(mark.start, mark.end);
    cursor = mark.end;
  });
  return out + data.text.slice(cursor);
}

function toggleMark(node) {
  const data = state.result;
  const index = Number(node.dataset.mark);
  const mark = data.marks[index];
  if (state.rejected.has(index)) state.rejected.delete(index);
  else state.rejected.add(index);
  const rejected = state.rejected.has(index);
  node.classList.toggle("rejected", rejected);
  node.setAttribute("aria-pressed", rejected ? "true" : "false");
  showMark(node, mark, rejected ? mark.before : data.text.slice(mark.start, mark.end));
  const kept = data.edits.length - [...state.rejected].reduce((sum, i) => sum + data.marks[i].edits.length, 0);
  setStatus(state.rejected.size
    ? fa(kept) + " اصلاح پذیرفته و " + fa(data.edits.length - kept) + " اصلاح برگردانده شد."
    : "همهٔ " + fa(data.edits.length) + " اصلاح پذیرفته است.");
  $("accept-all").hidden = state.rejected.size === 0;
  showTip(node);
}

function acceptAll() {
  const data = state.result;
  for (const index of [...state.rejected]) toggleMark(state.marks[index]);
  hideTip();
  if (data) setStatus("همهٔ " + fa(data.edits.length) + " اصلاح پذیرفته است.");
}

function renderCounts(data) {
  const body = $("counts").tBodies[0];
  body.replaceChildren();
  const entries = Object.entries(data.counts);
  if (!entries.length) {
    body.append(el("tr", {}, el("td", { colspan: "2", class: "help", text: "چیزی برای اصلاح نبود." })));
    return;
  }
  for (const [name, count] of entries) {
    const label = el("td", { class: "fam-" + familyOf(name) },
      el("span", { class: "swatch", "aria-hidden": "true" }), " " + fixLabel(name) + " ",
      el("code", { lang: "en", dir: "ltr", text: name }));
    body.append(el("tr", { "data-fix": name }, label, el("td", { class: "num", text: fa(count) })));
  }
  const total = el("tr", { class: "total" }, el("th", { scope: "row", text: "همه" }),
    el("td", { class: "num", text: fa(data.edits.length) }));
  body.append(total);
}

// ---- explaining an edit -----------------------------------------------------------------

function showTip(node) {
  const data = state.result;
  if (!data) return;
  const mark = data.marks[Number(node.dataset.mark)];
  const tip = $("tip");
  tip.replaceChildren();
  for (const index of mark.edits) {
    const edit = data.edits[index];
    const line = el("div", { class: "tip-edit fam-" + familyOf(edit.fix) });
    line.append(el("strong", { text: fixLabel(edit.fix) }));
    const change = el("div", { class: "change" },
      el("bdi", { class: "before", text: visible(edit.before) }), " ← ",
      el("bdi", { class: "after", text: visible(edit.after) }));
    line.append(change);
    let meta = "اطمینان " + fa(Math.round(edit.confidence * 100)) + "٪";
    if (edit.page) meta += "، صفحهٔ " + fa(edit.page);
    line.append(el("small", { text: meta }));
    tip.append(line);
  }
  const rejected = state.rejected.has(Number(node.dataset.mark));
  tip.append(el("p", { class: "tip-hint", text: rejected
    ? "برگردانده شد: متن ورودی سر جایش است. با کلیک یا Enter دوباره پذیرفته می‌شود."
    : "با کلیک یا Enter این اصلاح برگردانده می‌شود." }));
  tip.hidden = false;
  const rect = node.getBoundingClientRect();
  const width = tip.offsetWidth;
  let right = window.innerWidth - rect.right;
  right = Math.max(8, Math.min(right, window.innerWidth - width - 8));
  tip.style.right = right + "px";
  tip.style.top = window.scrollY + rect.bottom + 6 + "px";
  node.classList.add("active");
  state.active = node;
}

function hideTip() {
  $("tip").hidden = true;
  if (state.active) state.active.classList.remove("active");
  state.active = null;
}

function moveToEdit(step) {
  if (!state.marks.length) return;
  const current = state.active ? state.marks.indexOf(state.active) : -1;
  let next = current + step;
  if (current === -1) next = step > 0 ? 0 : state.marks.length - 1;
  next = (next + state.marks.length) % state.marks.length;
  state.marks[next].focus();
  state.marks[next].scrollIntoView({ block: "nearest" });
}

// ---- copy and download ------------------------------------------------------------------

async function copyText() {
  const text = acceptedText();
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    const scratch = el("textarea", { "aria-hidden": "true", class: "scratch" });
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    document.execCommand("copy");
    scratch.remove();
  }
  setStatus("متن درست‌شده رونوشت شد.");
}

function save(content, type, name) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function baseName() {
  return state.fileName ? state.fileName.replace(/\.[^.]*$/, "") + ".dorost" : "dorost";
}

// ---- wiring -----------------------------------------------------------------------------

function wire() {
  $("fix-form").addEventListener("submit", runFix);
  $("source").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) runFix(event);
  });
  $("file").addEventListener("change", onFileChange);
  $("clear-file").addEventListener("click", clearFile);
  $("copy").addEventListener("click", copyText);
  $("download").addEventListener("click", () =>
    save(acceptedText(), "text/plain;charset=utf-8", baseName() + ".txt"));
  // The report: the server's answer, and what the reader turned back (marks, and the text as accepted).
  $("download-json").addEventListener("click", () => {
    const report = state.rejected.size
      ? { ...state.result, rejected_marks: [...state.rejected].sort((a, b) => a - b), accepted_text: acceptedText() }
      : state.result;
    save(JSON.stringify(report, null, 1), "application/json", baseName() + ".json");
  });
  $("accept-all").addEventListener("click", acceptAll);
  $("prev-edit").addEventListener("click", () => moveToEdit(-1));
  $("next-edit").addEventListener("click", () => moveToEdit(1));
  const result = $("result");
  result.addEventListener("mouseover", (event) => {
    const node = event.target.closest("mark.edit");
    if (node) showTip(node);
  });
  result.addEventListener("mouseout", (event) => {
    const node = event.target.closest("mark.edit");
    if (node && node !== document.activeElement) hideTip();
  });
  result.addEventListener("focusin", (event) => {
    const node = event.target.closest("mark.edit");
    if (node) showTip(node);
  });
  result.addEventListener("focusout", hideTip);
  result.addEventListener("click", (event) => {
    const node = event.target.closest("mark.edit");
    if (node) toggleMark(node);
  });
  result.addEventListener("keydown", (event) => {
    const node = event.target.closest("mark.edit");
    if (node && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      toggleMark(node);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideTip();
  });
  window.addEventListener("resize", hideTip);
  loadFixes();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
else wire();
