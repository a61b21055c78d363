// What stays on this device: a component's saved data in this browser's localStorage, the reader's
// own day, the files the reader chooses, and the files Python makes, saved as downloads. Nothing here
// goes over the network.

/** The text of a file the reader chose, or "" for one larger than `most` bytes: Python refuses that by
 * its size alone, so megabytes are neither read nor sent to the worker only to be refused. */
export const within = (file, most) => (file.size > most ? Promise.resolve("") : file.text());

/** This browser's localStorage under one key; when the browser refuses, every call quietly does nothing.
 *
 * Storage that is full (setItem throws) can still be read, so what was saved before is shown;
 * storage the browser blocks altogether (reading localStorage throws) is neither read nor written. */
export function openStore(key) {
  let storage = null;
  let writable = false;
  try {
    storage = window.localStorage;
    storage.setItem(`${key}:probe`, "1");
    storage.removeItem(`${key}:probe`);
    writable = true;
  } catch {
    // blocked (storage stays null) or full (storage is kept, for reading only)
  }
  const attempt = (action, fallback) => {
    try {
      return action();
    } catch (error) {
      return fallback(error);
    }
  };
  const store = {
    ok: writable,
    read: () => attempt(() => (storage ? storage.getItem(key) : null), () => null),
    write(text) {
      attempt(
        () => writable && storage.setItem(key, text),
        (error) => {
          console.error("rm-store: this browser did not save the data.", error);
          store.ok = false;
        },
      );
      return store.ok;
    },
    remove: () => attempt(() => storage && storage.removeItem(key), () => null),
    /** Call `then` when another tab or window of this site saves under this key, or clears all storage:
     * a page that did not take that up would save its older copy over it at the reader's next change.
     * Only while `root` is on the page: instant navigation replaces it, and the listener then goes. */
    watch(root, then) {
      const heard = (event) => {
        if (!root.isConnected) window.removeEventListener("storage", heard);
        else if (event.key === key || event.key === null) then();
      };
      window.addEventListener("storage", heard);
    },
    /** The object stored as JSON, if `usable` says it is; else a copy of `blank`. */
    load(blank, usable) {
      const text = store.read();
      const data = attempt(() => JSON.parse(text), () => null);
      if (data !== null && typeof data === "object" && usable(data)) return data;
      if (text) console.error(`rm-store: what was saved under ${key} could not be read, so it starts blank.`);
      return structuredClone(blank);
    },
  };
  return store;
}

/** The reader's own day (Python never reads the clock): for file names, and review dates in registers. */
export const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** Save a file Python made ({name, mime, and text or base64}) as a download. */
export function download(file) {
  const body = "base64" in file ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : file.text;
  const url = URL.createObjectURL(new Blob([body], { type: file.mime }));
  const link = Object.assign(document.createElement("a"), { href: url, download: file.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
