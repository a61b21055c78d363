// rm-register: a register's form of rows and partners (GOV.UK's "add another": add, remove, move rows up
// and down), kept in this browser as the reader types and checked by Python in the worker
// (checks.registers.api). Python renders the form, the row template and every sentence
// (checks.registers.component, data-config) and decides all about the document; this module only
// wires events, clones and moves rows, saves and moves data.

export function initRegister(root, { tool, latest, today, watchDownload, draw, followLinks }) {
  const { config, words, store, ask, fetchFile, replacing, bar, failed } = tool(root, "rm-register");
  const { tell } = bar;
  const find = (selector) => root.querySelector(selector);
  const [form, list, template, panel, banner] = [
    ".rm-register-form", ".rm-rows", ".rm-row-template", ".rm-results", ".rm-example-banner",
  ].map(find);
  const fileInput = find(".rm-toolbar input[type=file]");
  const addRowButton = form.querySelector('[data-action="add-row"]');
  const addPartnerButton = form.querySelector('[data-action="add-partner"]');
  const usable = (data) => Array.isArray(data.rows) && Object.prototype.toString.call(data.answers) === "[object Object]";
  const load = () => store.load(config.blank, usable);
  let own = load(); // the reader's own register, as saved
  let doc = own; // what the form shows: their own, or the example
  let visiblePartners = 0;
  let removing = false; // a partner's removal waits for Python: one at a time
  const extras = new WeakMap(); // a row's fields the form has no control for: kept as they are
  const check = latest(
    () => ask("register_check", { document: doc, today: today() }),
    ({ html, marks, data }) => {
      draw(panel, html);
      panel.dataset.state = "ready";
      const listed = (box, problems) =>
        box.replaceChildren(...problems.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
      [...list.children].forEach((row, index) => {
        const problems = marks[index] ?? [];
        listed(row.querySelector(".rm-row-problems"), problems);
        row.dataset.invalid = problems.length ? "true" : "false";
      });
      // A setting's or a partner's findings, under its label: each list names the path it is for.
      for (const box of form.querySelectorAll(".rm-field-problems")) {
        listed(box, data.findings.filter(({ path }) => path === box.dataset.path).map(({ message }) => message));
      }
    },
    (error) => {
      console.error("rm-register: findings are unavailable.", error);
      failed(panel, error, "check");
    },
  );

  watchDownload(panel, words); // the engine's first download, shown until the first findings
  followLinks(panel); // each finding in it links to its field (its row's, as the rows are numbered)
  show(doc);
  store.watch(root, () => {
    own = load(); // saved in another tab: shown here too (unless the example is), not saved over
    if (banner.hidden) show(own);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (event.target.dataset.partner) names();
    edited();
  });
  const actions = {
    "add-row": addRow, "add-partner": addPartner, "remove-partner": removePartner,
    "move-up": (button) => move(button, -1), "move-down": (button) => move(button, 1), remove: removeRow,
    example: showExample, "keep-example": keepExample, "leave-example": leaveExample,
    export: () => bar.attempt("export", () => fetchFile("register_export", { document: doc })),
    import: () => fileInput.click(),
    report: ({ dataset: { format } }) =>
      bar.attempt("report", () => fetchFile("register_report", { document: doc, format })),
    print: () => window.print(),
    reset: () => bar.startAgain(clear),
  };
  bar.onFile(fileInput, "import", async (file) => adopt(...(await replacing("register_import", file, () => own))));
  // Shown now that they work (a partner's Remove, by names(), only while there are more than the fewest).
  for (const hidden of root.querySelectorAll('[data-action="add-row"], [data-action="add-partner"]')) hidden.hidden = false;
  bar.start(actions, root);

  /** Put a document in the form: partners, settings and one row per saved row. The rows are made afresh,
   * so a reader's focus in one (a save in another tab redraws them) goes to the same control of the row
   * now in its place, not to the page. */
  function show(next) {
    doc = next;
    const refocus = focusAgain(document.activeElement);
    for (const input of form.querySelectorAll("[data-partner]")) input.value = doc.answers[`partner-${input.dataset.partner}`] ?? "";
    for (const input of form.querySelectorAll("[data-setting]")) setValue(input, doc.answers[input.dataset.setting] ?? "");
    list.replaceChildren(...doc.rows.map(makeRow));
    // Every partner a name or a role is kept for is shown: a file can give a role to a partner it does not name
    // (Python's findings say so), and the reader must see it to name the partner or clear the role. A row's key
    // counts only where the row has a field for it (a matrix's roles; a risk's row may keep any key it came with).
    const slot = (key) => Number(key.match(/^partner-(\d+)$/)?.[1] ?? 0);
    const field = (key) => slot(key) && template.content.querySelector(`[data-field="${key}"]`);
    const keys = [...Object.keys(doc.answers), ...doc.rows.flatMap(Object.keys).filter(field)];
    const used = keys.map(slot);
    visiblePartners = Math.min(config.max_partners, Math.max(config.min_partners, ...used));
    names();
    renumber();
    refocus();
    check();
  }

  /** For a focused `element` in a row, a function that focuses the same control (by what it fills or does)
   * in the row at its position once the rows are redrawn, else that row's title, the last row's, or the
   * Add button; for focus anywhere else, one that does nothing. */
  function focusAgain(element) {
    const row = element?.closest(".rm-row");
    if (!row || row.parentElement !== list) return () => {};
    const index = [...list.children].indexOf(row);
    const { field, action } = element.dataset;
    const same = field ? `[data-field="${field}"]` : action ? `[data-action="${action}"]` : ".rm-row-title";
    return () => {
      const place = list.children[Math.min(index, list.children.length - 1)];
      (list.children[index]?.querySelector(same) ?? place?.querySelector(".rm-row-title") ?? addRowButton).focus();
    };
  }

  function makeRow(values = {}) {
    const row = template.content.firstElementChild.cloneNode(true);
    const controls = new Set();
    for (const control of row.querySelectorAll("[data-field]")) {
      setValue(control, values[control.dataset.field] ?? "");
      controls.add(control.dataset.field);
    }
    extras.set(row, Object.fromEntries(Object.entries(values).filter(([key]) => !controls.has(key))));
    row.querySelector(".rm-row-buttons").hidden = false;
    return row;
  }

  /** A value the control's choices lack (from an imported file) is added as a choice, shown as text. */
  function setValue(control, value) {
    if (control.tagName === "SELECT" && value && ![...control.options].some((option) => option.value === value)) {
      control.append(Object.assign(document.createElement("option"), { value, textContent: value }));
    }
    control.value = value;
  }

  /** Read the form back into the document. */
  function collect() {
    const answers = {};
    for (const input of form.querySelectorAll("[data-partner], [data-setting]")) {
      if (input.value) answers[input.dataset.partner ? `partner-${input.dataset.partner}` : input.dataset.setting] = input.value;
    }
    const rows = [...list.children].map((row) => {
      const values = { ...extras.get(row) };
      for (const control of row.querySelectorAll("[data-field]")) if (control.value) values[control.dataset.field] = control.value;
      return values;
    });
    doc = { ...doc, answers, rows };
  }

  function edited() {
    collect();
    save();
    check();
  }

  function save() {
    if (doc !== own && !banner.hidden) return; // the example is not saved until the reader keeps it
    own = doc;
    bar.save(doc);
  }

  /** Partner names into the role labels; slots past the partners shown are hidden, and so is every partner's
   * Remove while no more than the fewest a register has are shown. */
  function names() {
    const named = [...form.querySelectorAll("[data-partner]")].filter((input) => input.value);
    for (const input of named) visiblePartners = Math.max(visiblePartners, Number(input.dataset.partner));
    root.querySelector("datalist")?.replaceChildren(
      ...named.map((input) => Object.assign(document.createElement("option"), { value: input.value })),
    );
    for (const slot of root.querySelectorAll("[data-slot]")) {
      const number = Number(slot.dataset.slot);
      if (slot.classList.contains("rm-partner-name")) {
        const name = form.querySelector(`[data-partner="${number}"]`).value;
        slot.dataset.default ??= slot.textContent; // Python's words for a partner not yet named
        slot.textContent = name || slot.dataset.default;
      } else slot.hidden = number > visiblePartners;
    }
    for (const button of form.querySelectorAll('[data-action="remove-partner"]')) {
      button.hidden = visiblePartners <= config.min_partners;
    }
  }

  /** Row numbers and ids follow each row's position. */
  function renumber() {
    [...list.children].forEach((row, index) => {
      for (const element of [row, ...row.querySelectorAll("*")]) {
        for (const name of ["id", "for", "aria-labelledby", "aria-describedby"]) {
          const value = element.getAttribute(name);
          if (value) element.setAttribute(name, value.replace(/-r\d+-/g, `-r${index + 1}-`));
        }
      }
      for (const number of row.querySelectorAll(".rm-row-number")) number.textContent = String(index + 1);
    });
  }

  function addRow() {
    if (list.children.length >= config.max_rows) return tell("", words.too_many_rows);
    list.append(makeRow());
    names(); // the new row's role labels name the partners
    renumber();
    list.lastElementChild.querySelector("[data-field]").focus();
    tell(words.added.replace("{n}", list.children.length));
    edited();
  }

  function addPartner() {
    if (visiblePartners >= config.max_partners) return tell("", words.too_many_partners);
    visiblePartners += 1;
    names();
    form.querySelector(`[data-partner="${visiblePartners}"]`).focus();
  }

  /** Remove the partner whose slot holds `button`. Python gives the register without them, the partners after
   * them a place up with their roles, and asks first if rows refer to them (then the reader may keep them). A
   * register edited while Python works is sent again, so what was typed meanwhile is not lost. Focus goes to
   * the partner now in the slot, or, with none, to Add another partner. */
  function removePartner(button) {
    if (removing) return;
    removing = true;
    const number = Number(button.closest("[data-slot]").dataset.slot);
    bar.attempt("remove_partner", async () => {
      let sent, reply;
      do {
        sent = doc;
        reply = await ask("register_remove_partner", { document: sent, partner: number });
      } while (sent !== doc);
      const declined = bar.declined(reply);
      if (declined) return declined;
      const shown = visiblePartners;
      show(reply.document);
      visiblePartners = Math.max(visiblePartners, shown - 1); // a slot added and not yet named stays
      names();
      save();
      (number <= visiblePartners ? form.querySelector(`[data-partner="${number}"]`) : addPartnerButton).focus();
      return reply.status;
    }).finally(() => {
      removing = false;
    });
  }

  function removeRow(button) {
    const row = button.closest(".rm-row");
    const index = [...list.children].indexOf(row);
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    renumber();
    (next?.querySelector(".rm-row-title") ?? addRowButton).focus();
    tell(words.removed.replace("{n}", index + 1));
    edited();
  }

  function move(button, step) {
    const row = button.closest(".rm-row");
    const target = step < 0 ? row.previousElementSibling : row.nextElementSibling;
    const at = String([...list.children].indexOf(row) + 1);
    if (!target) return tell((step < 0 ? words.already_first : words.already_last).replace("{n}", at));
    const focused = document.activeElement;
    if (step < 0) target.before(row);
    else target.after(row);
    renumber();
    focused?.focus();
    tell(words.moved.replace("{n}", [...list.children].indexOf(row) + 1));
    edited();
  }

  function showExample() {
    banner.hidden = false;
    show(structuredClone(config.example));
    tell(words.example_shown);
    banner.querySelector("button").focus();
  }

  /** The example, as shown (and perhaps changed), becomes the reader's register. */
  function keepExample() {
    bar.attempt("keep", async () => {
      const said = adopt(...(await replacing("register_keep_example", { example: doc }, () => own)));
      if (banner.hidden) root.querySelector('[data-action="example"]').focus(); // the button pressed went with the banner
      return said;
    });
  }

  /** A register from a file or the example, checked in full by Python, in place of the reader's own (`own`,
   * not the example shown) once they have agreed, if Python asks (it would replace their work). */
  function adopt(reply, declined) {
    if (declined) return declined; // the reader kept their own register
    banner.hidden = true;
    show(reply.document);
    save();
    return reply.status;
  }

  function leaveExample() {
    banner.hidden = true;
    show(own);
    tell(words.example_left);
    root.querySelector('[data-action="example"]').focus();
  }

  /** "Start again", once the reader confirms: their own register, blank, with nothing kept. */
  function clear() {
    banner.hidden = true;
    own = bar.replace(null, config.blank);
    show(own);
  }
}
