// rm-agreement: keeps a draft partnership agreement in this browser as the reader types, and moves
// it to and from the worker (checks.agreement.actions), which checks it and draws the preview.
// Python renders all it shows (checks.agreement.component: the form, the toolbar, hidden until this
// runs, and every sentence, in data-config) and decides all about the draft. This module only wires
// events, saves and moves data.

const PREVIEW_DELAY_MS = 300; // the preview follows typing, at most one request per pause

export function initAgreement(root, { tool, latest, formFields, watchDownload, draw, followLinks }) {
  const { config, words, store, ask, fetchFile, replacing, bar, failed, show } = tool(root, "rm-agreement");
  const { attempt } = bar;
  const fields = formFields(root, config.parts);
  const find = (selector) => root.querySelector(selector);
  const [preview, spoken, presets] = [".rm-preview", ".rm-preview-status", ".rm-toolbar select"].map(find);
  const files = { import: find('[data-file="import"]'), register: find('[data-file="register"]') };
  const isMapping = (value) => Object.prototype.toString.call(value) === "[object Object]";
  const load = () => store.load(config.blank, (data) => isMapping(data.answers) && Array.isArray(data.rows ?? []));
  let doc = load();
  let timer = null;
  const redraw = latest(
    () => ask("agreement_preview", { document: doc }),
    ({ html, fields: found }) => {
      draw(preview, html); // focus on a table drawn afresh goes to its new box, else to the preview
      // Each field's findings under its label, read out with it (Python's words, by the field's key).
      for (const box of root.querySelectorAll(".rm-field-problems")) show(box, "", found[box.dataset.key] ?? []);
      preview.dataset.state = "ready";
      spoken.textContent = ""; // a failure said before is over
    },
    (error) => {
      console.error("rm-agreement: the preview is unavailable.", error);
      const inside = preview.contains(document.activeElement);
      spoken.textContent = failed(preview, error, "agreement_preview");
      if (inside) preview.focus(); // not the page's body: the part the reader was on has gone
    },
  );

  if (fields.adopt(doc)) bar.save(doc);
  store.watch(root, () => {
    doc = load(); // saved in another tab: shown here too, not saved over
    fields.show(doc);
    redraw();
  });
  watchDownload(preview, words); // the engine's first download, shown until the first preview
  followLinks(preview); // each finding in it links to its field
  fields.listen(edit);
  bar.start({
    preset: () => attempt("agreement_preset", () => replaceWith("agreement_preset", { preset: presets.value })),
    export: () => attempt("agreement_export", () => fetchFile("agreement_export", { document: doc })),
    import: () => files.import.click(),
    register: () => files.register.click(),
    report: ({ dataset: { format } }) =>
      attempt("agreement_report", () => fetchFile("agreement_report", { document: doc, format })),
    print: () => window.print(),
    reset: () => bar.startAgain(() => replace(null)),
  });
  // A draft or a register's file: Python checks it in full before anything is kept.
  for (const [name, input] of Object.entries(files)) {
    const action = `agreement_${name}`;
    bar.onFile(input, action, (file) => replaceWith(action, file));
  }
  redraw();

  /** `input` saves text and redraws after a pause; `change` saves a choice and redraws at once. Text's own
   * `change`, when it loses focus, brings nothing its `input` did not: drawn again, the preview would replace
   * what the reader moved to (a finding's link), and their place in the page with it. */
  function edit(control, committed) {
    if (!fields.take(doc, control, committed)) return;
    bar.save(doc);
    const choice = control.type === "radio" || control.type === "checkbox";
    if (committed && !choice) return;
    clearTimeout(timer);
    timer = setTimeout(redraw, choice ? 0 : PREVIEW_DELAY_MS);
  }

  /** A draft from a file or an example, or a register's rows in it: put in place once Python has checked
   * it and the reader has agreed, if it asks (it would replace their work). */
  async function replaceWith(action, payload) {
    const [reply, declined] = await replacing(action, payload, () => doc);
    if (declined) return declined; // the reader kept their own draft
    replace(reply.document, action !== "agreement_import");
    return reply.status;
  }

  /** Put another draft in place, kept (stamped when it is new here); or, for none, the blank one, with nothing kept. */
  function replace(next, stamp = false) {
    doc = bar.replace(next, config.blank, stamp);
    fields.show(doc);
    redraw();
  }
}
