// rm-checklist: saves a checklist's answers in this browser, sends them to the scoring
// engine and shows what it returns. The form itself is rendered by the build and works
// without JavaScript; everything this module adds needs JavaScript, so it adds it here.
//
// No scoring, validation or wording of results happens here: `checks` (Python, in the
// worker) does all of that. This module only moves data and shows Python's answers.

const FORMAT = "relationship-matters-answers/1";
const KEY_PREFIX = "relationship-matters:answers:";
const MAX_READ_BYTES = 20_000_000; // larger files are not even read; checks refuses over 1 MB
const LOADING = "Loading the scoring engine. The first time this downloads about 19 MB.";
const CONFIRM_RESET =
  "Start again? This clears every answer and note for this checklist from this browser. " +
  "Export your answers first if you want to keep a copy.";

/** Start one checklist component on `root` (an element with data-module="rm-checklist"). */
export function initChecklist(root, engine) {
  const definition = readDefinition(root);
  const form = root.querySelector("form.rm-form");
  const panel = root.querySelector(".rm-results");
  const base = root.dataset.base || "";
  const store = openStore(KEY_PREFIX + definition.id);
  let doc = restoreDoc(store.read(), definition);
  let scoring = 0;

  const ui = buildToolbar(definition, {
    exportAnswers,
    importFile,
    report,
    print: () => window.print(),
    startAgain,
  });
  form.before(ui.toolbar);
  if (!store.ok) ui.warnStorage();

  if (keepEarlyAnswers()) save();
  applyToForm();
  panel.replaceChildren(paragraph(LOADING, "rm-progress"));
  panel.dataset.state = "loading";
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", onChange);
  form.addEventListener("input", onInput);
  // From here every answer given is saved: the benchmark's "form usable" moment.
  performance.mark("rm-checklist:usable");
  rescore();

  function onChange(event) {
    const input = event.target;
    if (input.type !== "radio" || !input.checked) return;
    doc.answers[input.name] = input.value;
    save();
    rescore();
  }

  function onInput(event) {
    const area = event.target;
    if (area.tagName !== "TEXTAREA" || !area.dataset.section) return;
    if (area.value) doc.notes[area.dataset.section] = area.value;
    else delete doc.notes[area.dataset.section];
    save();
  }

  function save() {
    doc.checklist_version = definition.version;
    doc.saved_at = new Date().toISOString();
    keep();
  }

  function keep() {
    if (!store.write(JSON.stringify(doc))) ui.warnStorage();
  }

  /** Answers given before this script ran (the form works as soon as it is shown): keep those
   * that saved answers do not contradict. Returns whether there were any. */
  function keepEarlyAnswers() {
    let kept = false;
    for (const input of form.querySelectorAll('input[type="radio"]:checked')) {
      if (Object.hasOwn(doc.answers, input.name)) continue;
      doc.answers[input.name] = input.value;
      kept = true;
    }
    for (const area of form.querySelectorAll("textarea[data-section]")) {
      if (!area.value || Object.hasOwn(doc.notes, area.dataset.section)) continue;
      doc.notes[area.dataset.section] = area.value;
      kept = true;
    }
    return kept;
  }

  /** Show the saved answers in the form; answers to questions it lacks stay in `doc` untouched. */
  function applyToForm() {
    for (const input of form.querySelectorAll('input[type="radio"]')) {
      input.checked = Object.hasOwn(doc.answers, input.name) && doc.answers[input.name] === input.value;
    }
    for (const area of form.querySelectorAll("textarea[data-section]")) {
      const section = area.dataset.section;
      area.value = Object.hasOwn(doc.notes, section) ? doc.notes[section] : "";
    }
  }

  async function rescore() {
    const mine = ++scoring;
    try {
      const result = await engine.request("score", { definition, answers: doc, base });
      if (mine !== scoring) return; // a newer answer is already being scored
      panel.innerHTML = result.html; // built and escaped by checks.html_report
      panel.dataset.state = "ready";
    } catch (error) {
      if (mine !== scoring) return;
      console.error("rm-checklist: results are unavailable.", error);
      const kept = store.ok
        ? "Your answers are still saved in this browser."
        : "Your answers are kept only until you close this page: export them to keep a copy.";
      const problems = error.problems || [];
      const reason = problems.length
        ? "These problems were found in the saved answers."
        : engineMessage(error);
      panel.replaceChildren(paragraph(`Results are unavailable. ${reason} ${kept}`), ...list(problems));
      panel.dataset.state = "error";
    }
  }

  function exportAnswers() {
    ui.clear();
    const name = `${definition.id}-answers-${today()}.json`;
    download(`${JSON.stringify(doc, null, 2)}\n`, name, "application/json");
    ui.status(`Your answers were downloaded as ${name}.`);
  }

  async function importFile(file) {
    ui.clear();
    const refused = `${file.name} was not imported, and your saved answers were not changed.`;
    if (file.size > MAX_READ_BYTES) {
      const size = (file.size / 1_000_000).toFixed(1);
      ui.alert(refused, [`This file is ${size} MB, far too large to be an answers file.`]);
      return;
    }
    ui.status(`Checking ${file.name}…`);
    let reply;
    try {
      reply = await engine.request("import", { definition, text: await file.text() });
    } catch (error) {
      console.error("rm-checklist: import failed.", error);
      ui.clear();
      ui.alert(refused, reasons(error));
      return;
    }
    ui.clear();
    if (!reply.ok) {
      ui.alert(refused, reply.problems);
      return;
    }
    doc = reply.answers;
    keep();
    form.reset();
    applyToForm();
    rescore();
    ui.status(`The answers in ${file.name} were imported.`);
  }

  async function report(format) {
    ui.clear();
    try {
      const base_url = new URL(base, window.location.href).href;
      const reply = await engine.request("report", { definition, answers: doc, format, base_url });
      download(reply.text, reply.filename, `${reply.mime};charset=utf-8`);
      ui.status(`The report was downloaded as ${reply.filename}.`);
    } catch (error) {
      console.error("rm-checklist: report failed.", error);
      ui.alert("The report could not be made.", reasons(error));
    }
  }

  function startAgain() {
    ui.clear();
    if (!window.confirm(CONFIRM_RESET)) return;
    doc = newDoc(definition);
    store.remove();
    form.reset();
    applyToForm();
    rescore();
    ui.status("Your answers and notes were cleared.");
  }
}

/** The validated definition the build embedded: data-definition, or an older build's JSON script. */
function readDefinition(root) {
  if (root.dataset.definition) return JSON.parse(root.dataset.definition);
  const script = root.querySelector('script.rm-definition, script[type="application/json"]');
  if (!script) throw new Error("the page has no checklist definition (data-definition)");
  return JSON.parse(script.textContent);
}

function newDoc(definition) {
  return {
    format: FORMAT,
    checklist: definition.id,
    checklist_version: definition.version,
    saved_at: "",
    respondent: {},
    answers: {},
    notes: {},
  };
}

/** The saved document, as stored; checks validates it each time it scores. */
function restoreDoc(text, definition) {
  if (!text) return newDoc(definition);
  try {
    const data = JSON.parse(text);
    if (isObject(data) && isObject(data.answers) && isObject(data.notes ?? {})) {
      return { ...newDoc(definition), ...data, notes: data.notes ?? {} };
    }
  } catch {
    // fall through: unreadable JSON
  }
  console.error("rm-checklist: the saved answers could not be read, so the form starts empty.");
  return newDoc(definition);
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** localStorage when the browser allows it; otherwise every call quietly does nothing.
 *
 * Storage that is full (setItem throws) can still be read, so answers saved before are shown;
 * storage the browser blocks altogether (reading localStorage throws) is neither read nor written. */
function openStore(key) {
  let storage = null;
  let writable = false;
  try {
    storage = window.localStorage;
    const probe = `${key}:probe`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    writable = true;
  } catch {
    // blocked (storage stays null) or full (storage is kept, for reading only)
  }
  const store = {
    ok: writable,
    read() {
      try {
        return storage ? storage.getItem(key) : null;
      } catch {
        return null;
      }
    },
    write(text) {
      try {
        if (writable) storage.setItem(key, text);
      } catch (error) {
        console.error("rm-checklist: the answers could not be saved in this browser.", error);
        store.ok = false;
      }
      return store.ok;
    },
    remove() {
      try {
        if (storage) storage.removeItem(key);
      } catch {
        // nothing to clear
      }
    },
  };
  return store;
}

/** The toolbar, its status line, its alert and the storage warning. */
function buildToolbar(definition, actions) {
  const toolbar = element("div", "rm-toolbar");
  toolbar.id = `rm-toolbar-${definition.id}`;
  const buttons = element("div", "rm-toolbar-buttons");
  buttons.setAttribute("role", "group");
  buttons.setAttribute("aria-label", "Save, share or clear your answers");

  const fileInput = document.createElement("input");
  fileInput.type = "file";
  fileInput.accept = ".json,application/json";
  fileInput.className = "rm-visually-hidden";
  fileInput.tabIndex = -1;
  fileInput.setAttribute("aria-hidden", "true");
  fileInput.setAttribute("aria-label", "Answers file to import");
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (file) actions.importFile(file);
  });

  buttons.append(
    button("Export answers", actions.exportAnswers),
    button("Import answers", () => fileInput.click()),
    button("Download report (Markdown)", () => actions.report("markdown")),
    button("Download report (CSV)", () => actions.report("csv")),
    button("Print", actions.print),
    button("Start again", actions.startAgain),
    fileInput,
  );
  const warning = element("p", "rm-warning");
  warning.hidden = true;
  const status = element("p", "rm-toolbar-status");
  status.setAttribute("role", "status");
  const alertBox = element("div", "rm-alert");
  alertBox.setAttribute("role", "alert");
  toolbar.append(buttons, warning, status, alertBox);

  return {
    toolbar,
    status(text) {
      status.textContent = text;
    },
    alert(title, problems) {
      alertBox.replaceChildren(paragraph(title, "rm-alert-title"), ...list(problems));
    },
    clear() {
      status.textContent = "";
      alertBox.replaceChildren();
    },
    warnStorage() {
      if (!warning.hidden) return;
      warning.textContent =
        "This browser is not letting the page save your answers, so they will not be kept after you " +
        "close the page. Use Export answers to keep a copy.";
      warning.hidden = false;
    },
  };
}

/** Python's list of problems when it gave one, else the plain message. */
function reasons(error) {
  return error && error.problems && error.problems.length ? error.problems : [engineMessage(error)];
}

function engineMessage(error) {
  if (error && error.name === "EngineError") return error.message;
  return "Something went wrong in the page.";
}

function button(label, onClick) {
  const result = element("button", "md-button rm-button");
  result.type = "button";
  result.textContent = label;
  result.addEventListener("click", onClick);
  return result;
}

function element(tag, className) {
  const result = document.createElement(tag);
  result.className = className;
  return result;
}

function paragraph(text, className = "") {
  const result = element("p", className);
  result.textContent = text;
  return result;
}

function list(items) {
  if (!items || !items.length) return [];
  const ul = element("ul", "rm-problems");
  for (const item of items) {
    const li = document.createElement("li");
    li.textContent = String(item);
    ul.append(li);
  }
  return [ul];
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
