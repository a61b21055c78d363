// Form binding: which control of a component's forms fills which part of its saved document, as
// Python marked them, and moving values between the two.

/** The controls of a component's forms that fill its saved document. Python marks each with a data
 * attribute on it or around it, and says which part of the document each attribute fills (`parts`:
 * {question: "answers"} with data-question="trust-open" fills answers["trust-open"]). */
export function formFields(root, parts) {
  const owners = Object.keys(parts).map((name) => `[data-${name}]`).join(", ");
  const has = (fields, key) => Object.hasOwn(fields ?? {}, key);
  // [control, part, key] for each control, found once: the forms are rendered by the build and never change.
  const found = [];
  for (const control of root.querySelectorAll("form input, form textarea")) {
    const owner = control.closest(owners);
    const name = Object.keys(owner?.dataset ?? {}).find((attribute) => attribute in parts);
    if (name) found.push([control, parts[name], owner.dataset[name]]);
  }
  const slots = new Map(found.map(([control, part, key]) => [control, [part, key]]));
  const valueOf = (c) => (c.type === "checkbox" ? c.checked : c.type === "radio" && !c.checked ? "" : c.value);
  const show = (doc) => {
    for (const [control, part, key] of found) {
      const value = has(doc[part], key) ? doc[part][key] : "";
      // a radio marked data-default is shown chosen while there is no answer, as Python reads none
      if (control.type === "radio") control.checked = value ? value === control.value : "default" in control.dataset;
      else if (control.type === "checkbox") control.checked = value === true;
      else control.value = value;
      const cleared = control.dataset.clears && document.getElementById(control.dataset.clears);
      if (cleared) cleared.disabled = value === true;
    }
  };
  return {
    /** Send each `input` (text as it is typed: committed false) and `change` (committed: text and
     * choices) in the forms to `edit(control, committed)`. The forms are never submitted. */
    listen(edit) {
      for (const form of root.querySelectorAll("form")) {
        form.addEventListener("submit", (event) => event.preventDefault());
        form.addEventListener("input", (event) => edit(event.target, false));
        form.addEventListener("change", (event) => edit(event.target, true));
      }
    },
    /** Put what `control` holds in `doc` (an empty value removes its key): text on any edit, a choice
     * once committed. Returns the part it filled, or "" when the edit changes nothing. A control with
     * data-clears, once set, removes what its target holds ("answer anonymously" keeps no name). */
    take(doc, control, committed) {
      const [part, key] = slots.get(control) ?? [];
      const choice = control.type === "radio" || control.type === "checkbox";
      if (!part || (choice && !committed) || (control.type === "radio" && !control.checked)) return "";
      const value = valueOf(control);
      if (value) (doc[part] ??= {})[key] = value;
      else delete doc[part]?.[key];
      if (control.dataset.clears) {
        const [clearedPart, clearedKey] = slots.get(document.getElementById(control.dataset.clears)) ?? [];
        if (value) delete doc[clearedPart]?.[clearedKey];
        show(doc);
      }
      return part;
    },
    /** Show `doc` in the forms once the values given in them (before the page script ran, say) that it does
     * not have are added to it; true when it gained one. */
    adopt(doc) {
      const given = found.filter(([control, part, key]) => valueOf(control) && !has(doc[part], key));
      for (const [control, part, key] of given) (doc[part] ??= {})[key] = valueOf(control);
      show(doc);
      return given.length > 0;
    },
    /** Show `doc` in the forms (what they have no control for stays in it, untouched). A checked
     * control with data-clears disables the control whose id it gives ("answer anonymously": no name). */
    show,
  };
}
