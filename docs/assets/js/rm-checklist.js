// rm-checklist: keeps a checklist's saved document in this browser as the reader answers, and moves
// it to and from the scoring worker (checks.worker_api). Python renders all it shows (checks.component:
// the forms, the toolbar, hidden until this runs, and every sentence, in data-config) and decides all
// about the document: its blank form, where it is kept, its export and its checks. This module only
// wires events, saves and moves data; it never changes the version a document was saved for.

export function initChecklist(root, { openStore, download, client, notices, formFields, watchDownload }) {
  const config = JSON.parse(root.dataset.config); // none: this throws, and rm-main logs it
  const words = config.messages;
  const { show: put, explain } = notices(words);
  const fields = formFields(root, config.parts);
  const [panel, toolbar] = [".rm-results", ".rm-toolbar"].map((selector) => root.querySelector(selector));
  const find = (selector) => toolbar.querySelector(selector);
  const [status, alertBox, warning, fileInput] = [".rm-toolbar-status", ".rm-alert", ".rm-warning", "input"].map(find);
  const store = openStore(config.storage_key);
  const ask = client(root, config);
  // Any format Python reads; anything else (an answers part that is not a mapping) starts blank.
  let doc = store.load(config.blank, (data) => Object.prototype.toString.call(data.answers) === "[object Object]");
  let scoring = 0;

  // The form works as soon as it is shown: answers given before this script ran are kept, unless
  // the saved document already answers them.
  if (fields.keepGiven(doc)) save();
  fields.show(doc);
  const organisations = earlierOrganisations();
  put(panel, words.loading, [], "rm-progress"); // the panel is rendered in its "loading" state
  watchDownload(panel, words); // the engine's first download, shown while the panel is "loading"
  for (const form of root.querySelectorAll("form")) {
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => edit(event.target, false));
    form.addEventListener("change", (event) => edit(event.target, true));
  }
  const actions = {
    export: () => attempt("export", () => fetchFile("export", {})),
    import: () => fileInput.click(),
    report: (format) => attempt("report", () => fetchFile("report", { format })),
    print: () => window.print(),
    reset: startAgain,
  };
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) actions[button.dataset.action](button.dataset.format);
  });
  fileInput.addEventListener("change", () => {
    const [file] = fileInput.files;
    fileInput.value = "";
    if (file) attempt("import", () => importFile(file));
  });
  toolbar.hidden = false;
  warning.hidden = store.ok;
  performance.mark("rm-checklist:usable"); // every answer is saved from here: the benchmark's "form usable"
  rescore();

  /** `input` (each key typed) saves text; `change` (committed) saves choices and rescores an answer. */
  function edit(control, committed) {
    const [part, key] = fields.slot(control);
    const choice = control.type === "radio" || control.type === "checkbox";
    if (!part || (choice && !committed) || (control.type === "radio" && !control.checked)) return;
    const value = fields.valueOf(control);
    if (value) (doc[part] ??= {})[key] = value;
    else delete doc[part]?.[key];
    if (control.dataset.clears) {
      const [clearedPart, clearedKey] = fields.slot(document.getElementById(control.dataset.clears));
      if (value) delete doc[clearedPart]?.[clearedKey]; // "answer anonymously" keeps no name
      fields.show(doc);
    }
    save();
    if (committed && part === "answers") rescore();
    if (committed && control.list) organisations.add(value);
  }

  /** The organisations given before in this browser (any checklist), offered in the field's datalist. */
  function earlierOrganisations() {
    const { key, most } = config.organisations;
    const kept = openStore(key);
    let names = kept.load([], Array.isArray).filter((name) => typeof name === "string");
    const list = root.querySelector("datalist");
    const offer = () => list.replaceChildren(...names.map((name) => new Option(name)));
    offer();
    return {
      add(name) {
        if (!name.trim()) return;
        names = [name, ...names.filter((other) => other !== name)].slice(0, most);
        kept.write(JSON.stringify(names));
        offer();
      },
    };
  }

  function save(stamp = true) {
    if (stamp) doc.saved_at = new Date().toISOString();
    if (!store.write(JSON.stringify(doc))) warning.hidden = false;
  }

  async function rescore() {
    const mine = ++scoring;
    try {
      const { html } = await ask("score", { document: doc });
      if (mine !== scoring) return; // a newer answer is already being scored
      panel.innerHTML = html; // built and escaped by checks (Python)
      panel.dataset.state = "ready";
    } catch (error) {
      if (mine !== scoring) return;
      console.error("rm-checklist: results are unavailable.", error);
      const [title, reasons] = explain(error, "score");
      put(panel, `${title} ${store.ok ? words.kept_saved : words.kept_until_close}`, reasons);
      panel.dataset.state = "error";
    }
  }

  /** Export or a report: a file Python makes (name, type and content), saved as a download. */
  async function fetchFile(action, payload) {
    const reply = await ask(action, { ...payload, document: doc, today: today() });
    download(reply.file);
    return reply.status;
  }

  async function importFile(file) {
    tell(words.checking);
    const text = await file.slice(0, config.max_bytes + 1).text(); // Python refuses larger files by size
    const reply = await ask("import", { filename: file.name, size: file.size, text });
    replace(reply.document); // checked in full by Python before anything is kept
    return reply.status;
  }

  function startAgain() {
    tell();
    if (!window.confirm(words.confirm_reset)) return;
    replace(null);
    tell(words.cleared);
  }

  /** Put another document in place, kept; or, for none, the blank one, with nothing kept. */
  function replace(next) {
    doc = next ?? structuredClone(config.blank);
    if (next) save(false);
    else store.remove();
    fields.show(doc);
    rescore();
  }

  /** Run a toolbar action: what it says goes in the status line, why it failed in the alert. */
  async function attempt(action, work) {
    tell();
    try {
      tell(await work());
    } catch (error) {
      console.error(`rm-checklist: ${action} failed.`, error);
      tell("", ...explain(error, action));
    }
  }

  function tell(text = "", title = "", reasons = []) {
    status.textContent = text;
    put(alertBox, title, reasons, "rm-alert-title");
  }
}

// The reader's own day, for file names (Python never reads the clock).
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
