// rm-agreement: keeps a draft partnership agreement in this browser as the reader types, and moves
// it to and from the worker (checks.agreement.actions), which checks it and draws the preview.
// Python renders all it shows (checks.agreement.component: the form, the toolbar, hidden until this
// runs, and every sentence, in data-config) and decides all about the draft. This module only wires
// events, saves and moves data.

const PREVIEW_DELAY_MS = 300; // the preview follows typing, at most one request per pause

export function initAgreement(root, { openStore, download, client, notices, formFields, watchDownload }) {
  const config = JSON.parse(root.dataset.config); // none: this throws, and rm-main logs it
  const words = config.messages;
  const { show: put, explain } = notices(words);
  const fields = formFields(root, config.parts);
  const [preview, toolbar, spoken] = [".rm-preview", ".rm-toolbar", ".rm-preview-status"].map((s) =>
    root.querySelector(s),
  );
  const find = (selector) => toolbar.querySelector(selector);
  const [status, alertBox, warning, presets] = [".rm-toolbar-status", ".rm-alert", ".rm-warning", "select"].map(find);
  const files = { import: find('[data-file="import"]'), register: find('[data-file="register"]') };
  const store = openStore(config.storage_key);
  const ask = client(root, config);
  const isMapping = (value) => Object.prototype.toString.call(value) === "[object Object]";
  let doc = store.load(config.blank, (data) => isMapping(data.answers) && Array.isArray(data.rows ?? []));
  let drawing = 0;
  let timer = null;

  if (fields.keepGiven(doc)) save();
  fields.show(doc);
  put(preview, words.loading, [], "rm-progress");
  watchDownload(preview, words); // the engine's first download, shown while the preview is "loading"
  const form = root.querySelector("form.rm-agreement-form");
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => edit(event.target, false));
  form.addEventListener("change", (event) => edit(event.target, true));
  const actions = {
    preset: () => {
      if (window.confirm(words.confirm_preset)) attempt("agreement_preset", () => replaceWith("agreement_preset", { preset: presets.value }));
    },
    export: () => attempt("agreement_export", () => fetchFile("agreement_export", {})),
    import: () => files.import.click(),
    register: () => files.register.click(),
    report: (format) => attempt("agreement_report", () => fetchFile("agreement_report", { format })),
    print: () => window.print(),
    reset: startAgain,
  };
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) actions[button.dataset.action](button.dataset.format);
  });
  for (const [name, input] of Object.entries(files)) {
    const action = `agreement_${name}`;
    input.addEventListener("change", () => {
      const [file] = input.files;
      input.value = "";
      if (file) attempt(action, () => readFile(action, file));
    });
  }
  toolbar.hidden = false;
  warning.hidden = store.ok;
  redraw();

  /** `input` saves text and redraws after a pause; `change` saves a choice and redraws at once. */
  function edit(control, committed) {
    const [part, key] = fields.slot(control);
    const choice = control.type === "radio" || control.type === "checkbox";
    if (!part || (choice && !committed) || (control.type === "radio" && !control.checked)) return;
    const value = fields.valueOf(control);
    if (value) (doc[part] ??= {})[key] = value;
    else delete doc[part]?.[key];
    save();
    clearTimeout(timer);
    timer = setTimeout(redraw, choice ? 0 : PREVIEW_DELAY_MS);
  }

  function save(stamp = true) {
    if (stamp) doc.saved_at = new Date().toISOString();
    if (!store.write(JSON.stringify(doc))) warning.hidden = false;
  }

  async function redraw() {
    const mine = ++drawing;
    try {
      const { html } = await ask("agreement_preview", { document: doc });
      if (mine !== drawing) return; // a newer edit is already being drawn
      preview.innerHTML = html; // built and escaped by checks (Python)
      preview.dataset.state = "ready";
    } catch (error) {
      if (mine !== drawing) return;
      console.error("rm-agreement: the preview is unavailable.", error);
      const [title, reasons] = explain(error, "agreement_preview");
      put(preview, `${title} ${store.ok ? words.kept_saved : words.kept_until_close}`, reasons);
      preview.dataset.state = "error";
      spoken.textContent = title;
    }
  }

  async function fetchFile(action, payload) {
    const reply = await ask(action, { ...payload, document: doc, today: today() });
    download(reply.file);
    return reply.status;
  }

  /** A draft or a register's file: Python checks it in full before anything is kept. */
  async function readFile(action, file) {
    tell(words.checking);
    const text = await file.slice(0, config.max_bytes + 1).text(); // Python refuses larger files by size
    return replaceWith(action, { filename: file.name, size: file.size, text, document: doc });
  }

  async function replaceWith(action, payload) {
    const reply = await ask(action, payload);
    replace(reply.document, action !== "agreement_import");
    return reply.status;
  }

  function startAgain() {
    tell();
    if (!window.confirm(words.confirm_reset)) return;
    replace(null);
    tell(words.cleared);
  }

  /** Put another draft in place, kept (stamped when it is new here); or, for none, the blank one, with nothing kept. */
  function replace(next, stamp = false) {
    doc = next ?? structuredClone(config.blank);
    if (next) save(stamp);
    else store.remove();
    fields.show(doc);
    redraw();
  }

  async function attempt(action, work) {
    tell();
    try {
      tell(await work());
    } catch (error) {
      console.error(`rm-agreement: ${action} failed.`, error);
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
