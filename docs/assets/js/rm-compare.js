// rm-compare: compares partners' answers files for one checklist, and keeps the comparison and its
// workshop record in this browser. Python renders all it shows (checks.compare.component at build
// time; the results, the record form and every message from the worker) and decides everything
// about the comparison document; this module only wires events, saves and moves data. It never
// touches the reader's own saved answers: the comparison has a storage key of its own.

export function initCompare(root, { tool, watchDownload, within, draw, pauseToBeHeard }) {
  const find = (selector) => root.querySelector(selector);
  const [panel, record, settings, refusedBox, list] = [".rm-compare-results", ".rm-compare-record"]
    .concat(".rm-compare-settings", ".rm-refused", ".rm-compare-list")
    .map(find);
  // A failed action leaves the panel as it was, unless it had nothing to show yet.
  const onError = () => {
    if (panel.dataset.state !== "ready" && panel.dataset.state !== "empty") panel.dataset.state = "error";
  };
  const { config, words, store, ask, fetchFile, replacing, bar, show: put } = tool(root, "rm-compare", onError);
  const [chooser, opener, dropZone] = ['[data-role="add-files"]', '[data-role="open-file"]', ".rm-drop"].map(find);
  const { attempt, tell } = bar;
  const load = () => store.load(config.blank, (data) => Array.isArray(data.responses));
  let doc = load();
  let queue = Promise.resolve(); // one request at a time, in order: files are never lost to a newer one
  let refusedTurn = 0; // the newest request, whose refused files the alert is to show
  const typed = new Set(); // the record's fields edited since the request on its way was sent
  const same = (current) => current;

  for (const element of [settings, find(".rm-compare-files")]) element.hidden = false;
  showSettings();
  watchDownload(panel, words); // the engine's first download, shown until the first comparison
  attempt("compare", () => refresh()).then(warmUp);

  // Saved in another tab: shown here too, and not saved over.
  store.watch(root, () => attempt("compare", () => refresh(() => replaced(load()), { moved: null })));
  chooser.addEventListener("change", () => addFiles([...chooser.files], () => (chooser.value = "")));
  dropZone.addEventListener("dragover", (event) => event.preventDefault());
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    addFiles([...(event.dataTransfer?.files ?? [])]);
  });
  bar.start({
    example: () => attempt("compare", () => refresh(same, { files: examples(), example: true })),
    export: () => attempt("compare_export", () => fetchFile("compare_export", { document: doc })),
    open: () => opener.click(),
    report: ({ dataset: { format } }) =>
      attempt("compare_report", () => fetchFile("compare_report", { document: doc, format })),
    print: () => window.print(),
    clear: startAgain,
  });
  // A saved comparison holds many answers files, so it may be larger than one of them (max_comparison_bytes).
  bar.onFile(opener, "compare_open", openFile, config.max_comparison_bytes);
  settings.addEventListener("submit", (event) => event.preventDefault());
  settings.addEventListener("change", (event) => {
    const control = event.target;
    const { setting } = control.dataset;
    const [typed, value] = [control.value, setting === "anonymous" ? control.checked : Number(control.value)];
    // Refused (Python's problems are then about this value: the document was fine before), what the reader
    // typed stays in the field with Python's reason (showSettings leaves it), until they change it to a value
    // that is used.
    const marked = (problems) => fieldError(control, problems.map((problem) => problem.message).join(" "));
    attempt("compare", () =>
      refresh((current) => ({ ...current, [setting]: value })).then(
        (status) => (marked([]), status),
        (error) => {
          marked(error.problems ?? []);
          if (control.dataset.error) control.value = typed;
          throw error;
        },
      ),
    );
  });
  // Removing a file redraws the list, so focus goes to the list, where the status line has said what went.
  list.addEventListener("click", (event) => {
    const button = event.target.closest('button[data-action="remove-response"]');
    if (button) once(button, () => refresh(same, { remove: Number(button.dataset.index) })).then(() => list.focus());
  });
  record.addEventListener("submit", (event) => event.preventDefault());
  record.addEventListener("input", (event) => editRecord(event.target, false));
  record.addEventListener("change", (event) => editRecord(event.target, true));
  // Adding or removing an action redraws the record, so the reader is taken to the new action's first
  // field, or to that of the action that took the removed one's place (else to Add).
  record.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const adding = button.dataset.action === "add-action";
    const index = adding ? doc.actions.length : Number(button.dataset.index);
    const change = (current) => {
      const actions = [...current.actions];
      if (adding) actions.push({ action: "", owner: "", due: "", status: "not-started" });
      else actions.splice(index, 1);
      return { ...current, actions };
    };
    // What is typed meanwhile goes with its action, which a removal moves up one.
    const moved = (at) => (adding || at < index ? at : at > index ? at - 1 : null);
    const run = () => refresh(change, { moved });
    (adding ? attempt("compare", run) : once(button, run)).then(() => {
      if (record.contains(document.activeElement) && !document.activeElement.dataset.action) return; // typing elsewhere
      const place = record.querySelector(`[data-action-index="${index}"] [data-field]`);
      (place ?? record.querySelector('[data-action="add-action"]'))?.focus();
    });
  });

  /** A Remove button's work, done once: pressed again before its list is redrawn (a quick double Enter),
   * its number would name whatever took the removed one's place. */
  function once(button, work) {
    if (button.dataset.pressed) return Promise.resolve();
    button.dataset.pressed = "true";
    return attempt("compare", work).finally(() => delete button.dataset.pressed);
  }

  /** A field of the record: text is kept as it is typed; a committed change also redraws the results. */
  function editRecord(control, committed) {
    if (!take(control)) return;
    typed.add(control);
    bar.save(doc);
    if (committed) attempt("compare", () => refresh(same, { redraw: false }));
  }

  /** Where a field of the record keeps its value in `doc`, as [object, key]: in the action `moved` gives for
   * the one the field is in (none: the action has gone); null for a control that is not a field of the record. */
  function home(control, moved = (at) => at) {
    const agreed = control.closest("[data-agreed]")?.dataset.agreed;
    if (agreed) return [doc.agreed, agreed];
    const at = control.closest("[data-action-index]")?.dataset.actionIndex;
    const action = at === undefined ? undefined : doc.actions[moved(Number(at))];
    return action && control.dataset.field ? [action, control.dataset.field] : null;
  }

  /** Put what a field of the record shows in `doc` (see home); false for a control that is not one. */
  function take(control, moved) {
    const place = home(control, moved);
    if (place && (control.type !== "radio" || control.checked)) place[0][place[1]] = control.value;
    return place !== null;
  }

  /** Compare the example files once and throw the result away: the worker starts from a snapshot in
   * which nothing has been compared, so the reader's first comparison would pay for warming up. */
  function warmUp() {
    queue = queue.then(() => ask("compare", { document: config.blank, files: examples() })).catch(() => {});
  }

  /** The invented partners' files of "Try an example", as files given. */
  function examples() {
    return config.examples.map((f) => ({ ...f, size: f.text.length }));
  }

  function addFiles(files, then = () => {}) {
    then();
    if (files.length) attempt("compare", () => readFiles(files).then((read) => refresh(same, { files: read })));
  }

  /** The files' text for Python: none of a file larger than an answers file can be, nor past the limit. */
  function readFiles(files) {
    tell(words.checking);
    return Promise.all(
      files.map(async (file, index) => ({
        name: file.name,
        size: file.size,
        text: index < config.max_files ? await within(file, config.max_bytes) : "",
      })),
    );
  }

  /** Show the document `change` makes of the one in place when its turn comes (not of the one in place
   * now, which an earlier request may yet replace), with any new `files` (the example's, when `example`:
   * Python adds them only to an empty comparison), or without the file numbered `remove`: Python checks
   * it all and returns the document to keep. What the reader typed in the record while Python worked goes
   * into that document too, in the action `moved` gives for its own (as `take`), and stays on screen
   * when the record is `redraw`n; a comparison put in place of this one (`moved` null) drops it. The
   * document is saved only if it differs from what this browser keeps, its save time aside: another tab
   * of this page takes up each save, and saving what it already has would send the save back, and so on
   * for ever. */
  function refresh(change = same, { files = [], redraw = true, remove = null, example = false, moved } = {}) {
    const run = async () => {
      typed.clear(); // typed before now is in the document sent
      // The refused files' alert is emptied first and filled no sooner than a pause later: the same reasons
      // again (the same wrong file chosen twice) are then heard again, as the toolbar's lines are. The pause
      // does not hold the request up (the status it returns would then come after a newer action's), and a
      // newer request's reasons replace these if they have not been put in yet.
      const turn = ++refusedTurn;
      put(refusedBox, "");
      const quiet = pauseToBeHeard();
      const reply = await ask("compare", { document: change(doc), files, remove, example });
      doc = reply.document;
      const kept = moved === null ? [] : [...typed].filter((control) => take(control, moved));
      typed.clear();
      const timeless = (saved) => JSON.stringify({ ...saved, saved_at: "" });
      if (timeless(doc) !== timeless(load())) bar.save(doc);
      draw(panel, reply.html);
      panel.dataset.state = reply.empty ? "empty" : "ready";
      if (redraw) draw(record, reply.record_html, lastActionField);
      if (redraw && kept.length) showRecord();
      draw(list, reply.files_html);
      quiet.then(() => {
        if (turn === refusedTurn) put(refusedBox, reply.refused?.title ?? "", reply.refused?.reasons ?? [], "rm-alert-title");
      });
      return reply.status;
    };
    const done = queue.then(run, run);
    queue = done.catch(() => {});
    return done.finally(showSettings);
  }

  /** The record's fields as `doc` has them, where Python drew them otherwise: what was typed while it worked. */
  function showRecord() {
    for (const control of record.querySelectorAll("[data-agreed] input, [data-field]")) {
      const [object, key] = home(control) ?? [];
      if (control.type === "radio") control.checked = object?.[key] === control.value;
      else if (object && control.value !== object[key]) control.value = object[key];
    }
  }

  /** Where a reader goes whose place in the record has gone: the same field of the last action, else Add,
   * else the record itself. */
  function lastActionField({ dataset: { field } }) {
    const last = [...record.querySelectorAll("[data-action-index]")].at(-1);
    const place = field && last?.querySelector(`[data-field="${field}"]`);
    return place || record.querySelector('[data-action="add-action"]') || record;
  }

  /** A saved comparison from a file ({filename, size, text}), checked by Python, in place of this one. */
  async function openFile(file) {
    const [reply, declined] = await replacing("compare_open", file, () => doc);
    if (declined) return declined; // the reader kept their own comparison
    await refresh(() => replaced(reply.document), { moved: null });
    return reply.status;
  }

  function startAgain() {
    tell();
    if (!window.confirm(words.confirm_clear)) return;
    store.remove();
    attempt("compare", () => refresh(() => replaced(structuredClone(config.blank)), { moved: null }).then(() => words.cleared));
  }

  function showSettings() {
    for (const control of settings.querySelectorAll("[data-setting]")) {
      if (control.type === "checkbox") control.checked = doc[control.dataset.setting] === true;
      else if (control.getAttribute("aria-invalid") !== "true") control.value = doc[control.dataset.setting];
    }
  }

  /** Show `message` as the error of a field with one (its data-error names the box), or clear it for "". */
  function fieldError(control, message) {
    const box = control.dataset.error && root.querySelector(`#${control.dataset.error}`);
    if (!box) return;
    box.querySelector(".rm-field-error-text").textContent = message;
    box.hidden = !message;
    for (const [name, value] of [["aria-invalid", "true"], ["aria-describedby", box.id]]) {
      if (message) control.setAttribute(name, value);
      else control.removeAttribute(name);
    }
  }

  /** A comparison put in place of this one (opened, started again, saved in another tab) shows its own
   * settings: a value refused for this one no longer stands. */
  function replaced(next) {
    for (const control of settings.querySelectorAll("[data-error]")) fieldError(control, "");
    return next;
  }
}
