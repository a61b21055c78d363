// rm-checklist: keeps a checklist's saved document in this browser as the reader answers, and moves it to
// and from the scoring worker (checks.worker_api). Python renders all it shows (checks.component: the forms,
// the toolbar, hidden until this runs, and every sentence, in data-config) and decides all about the document:
// its blank form, where it is kept, its export and its checks. This module only wires events, saves and moves
// data; it never changes the version a document was saved for.

export function initChecklist(root, { tool, openStore, latest, formFields, watchDownload, draw, followLinks }) {
  const { config, words, store, ask, fetchFile, replacing, bar, failed } = tool(root, "rm-checklist");
  const fields = formFields(root, config.parts);
  const [panel, printed, live, fileInput] = [".rm-results", ".rm-print-answers", ".rm-count-live", ".rm-toolbar input"]
    .map((selector) => root.querySelector(selector));
  const counts = answeredCounts(root, words);
  // Any format Python reads; anything else (an answers part that is not a mapping) starts blank.
  const load = () => store.load(config.blank, (data) => Object.prototype.toString.call(data.answers) === "[object Object]");
  let doc = load();
  let noteTimer = 0;
  const rescore = latest(
    () => ask("score", { document: doc }),
    ({ html, answers }) => {
      draw(printed, answers);
      draw(panel, html); // the same result is not announced again
      panel.dataset.state = "ready";
    },
    (error) => {
      console.error("rm-checklist: results are unavailable.", error);
      failed(panel, error, "score");
      printed.replaceChildren();
    },
  );

  // The form works as soon as it is shown: answers given before this script ran are kept, unless
  // the saved document already answers them.
  if (fields.adopt(doc)) bar.save(doc);
  counts.update(doc);
  const rememberOrganisation = earlierOrganisations();
  watchDownload(panel, words); // the engine's first download, shown until the first result
  followLinks(panel); // each question still to answer links to it
  followLinks(root.querySelector(".rm-jump")); // "See your result": to the results, on this page
  fields.listen(edit);
  bar.onFile(fileInput, "import", async (file) => {
    const [reply, declined] = await replacing("import", file, () => doc);
    if (declined) return declined; // the reader kept their own answers
    show(bar.replace(reply.document, config.blank)); // checked in full by Python before anything is kept
    return reply.status;
  });
  store.watch(root, () => show(load())); // saved in another tab: shown here too, not saved over
  bar.start({
    export: () => bar.attempt("export", () => fetchFile("export", { document: doc })),
    import: () => fileInput.click(),
    report: ({ dataset: { format } }) => bar.attempt("report", () => fetchFile("report", { document: doc, format })),
    print: () => window.print(),
    // The empty form, for people who answer on paper: site.css prints no answer, note or result.
    "print-blank": () => {
      root.dataset.print = "blank";
      // Print then prints the page as it is. Added for this print only: a listener kept on the window
      // would keep this page's form alive after instant navigation leaves it.
      window.addEventListener("afterprint", () => delete root.dataset.print, { once: true });
      window.print();
    },
    reset: () => bar.startAgain(() => show(bar.replace(null, config.blank))), // none: blank, nothing kept
  });
  performance.mark("rm-checklist:usable"); // every answer is saved from here: the benchmark's "form usable"
  rescore();

  /** `input` (each key typed) saves text; `change` (committed) saves choices and rescores an answer. */
  function edit(control, committed) {
    const part = fields.take(doc, control, committed);
    if (!part) return;
    bar.save(doc);
    if (committed && part === "answers") {
      const said = counts.update(doc, control);
      if (said) live.textContent = said; // said only when the count changes
      rescore();
    } else if (part === "notes") {
      // Notes are printed with the answers: refreshed once typing pauses, the results panel untouched.
      clearTimeout(noteTimer);
      noteTimer = setTimeout(rescore, 500);
    }
    if (committed && control.list) rememberOrganisation(control.value);
  }

  /** The organisations given before in this browser (any checklist), offered in the field's datalist. */
  function earlierOrganisations() {
    const { key, most } = config.organisations;
    const kept = openStore(key);
    let names = kept.load([], Array.isArray).filter((name) => typeof name === "string");
    const offer = () => root.querySelector("datalist").replaceChildren(...names.map((name) => new Option(name)));
    offer();
    return (name) => {
      if (!name.trim()) return;
      names = [name, ...names.filter((other) => other !== name)].slice(0, most);
      kept.write(JSON.stringify(names));
      offer();
    };
  }

  /** Show a document (kept already) in the form, its counts and its results. */
  function show(next) {
    doc = next;
    fields.show(doc);
    counts.update(doc);
    rescore();
  }
}

/** The answered counts Python rendered (hidden) at the top of the form and under each section's heading,
 * filled in from the saved document's answers with Python's words (the count messages, with placeholders). */
function answeredCounts(root, words) {
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => values[name]);
  const sections = [...root.querySelectorAll(".rm-form .rm-section")].map((section) => ({
    section,
    title: section.querySelector("h2").textContent,
    ids: [...section.querySelectorAll("[data-question]")].map((fieldset) => fieldset.dataset.question),
    box: section.querySelector(".rm-count[data-count]"),
  }));
  const overall = root.querySelector('.rm-count[data-count="all"]');
  const total = sections.reduce((sum, { ids }) => sum + ids.length, 0);
  let before = -1;
  return {
    /** Show the counts. When `control` was just answered and the overall count changed, the sentence
     * to announce (its section's count and the overall one); else "". */
    update(doc, control = null) {
      const has = (id) => Object.hasOwn(doc.answers ?? {}, id);
      let answered = 0;
      let mine = null;
      for (const { section, title, ids, box } of sections) {
        const done = ids.filter(has).length;
        answered += done;
        box.textContent = fill(words.count_section, { answered: done, total: ids.length });
        box.hidden = false;
        if (control && section.contains(control)) {
          mine = { section: title, section_answered: done, section_total: ids.length };
        }
      }
      overall.textContent = fill(words.count_all, { answered, total });
      overall.hidden = false;
      const changed = answered !== before;
      before = answered;
      return changed && mine ? fill(words.count_announce, { ...mine, answered, total }) : "";
    },
  };
}
