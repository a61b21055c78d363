// Offline support: registers the service worker (sw.js at the site root, found from this
// module's own URL so the site works under a subpath) and offers a quiet reload notice when
// a new version of the site has been installed. Saved answers live in localStorage and are
// untouched by updates.

const SITE_ROOT = new URL("../../", import.meta.url);
const SETTLE_TIMEOUT_MS = 30000;

// On a tool page (a checklist, the comparison, a register, the agreement builder: each has a
// .rm-results panel that says "loading" while the engine starts), wait until the scoring engine has
// loaded (or failed) before the service worker starts copying the site: the big runtime files are
// then already in the HTTP cache, and the copy revalidates them instead of downloading them again.
function engineSettled() {
  const panel = document.querySelector(".rm-results");
  if (!panel || panel.dataset.state !== "loading") return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (panel.dataset.state !== "loading") finish();
    });
    const timer = setTimeout(finish, SETTLE_TIMEOUT_MS);
    function finish() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe(panel, { attributes: true, attributeFilter: ["data-state"] });
  });
}

// A page whose tools score answers: its visit keeps the engine for offline use too (from the HTTP
// cache, as it has just been loaded). Other pages leave it out, so a reader who only reads never
// downloads it.
function usesEngine() {
  return Boolean(document.querySelector(".rm-results"));
}

async function keepEngine() {
  const registration = await navigator.serviceWorker.ready;
  registration.active.postMessage({ type: "cache-engine" });
}

function loaded() {
  return document.readyState === "complete"
    ? Promise.resolve()
    : new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}

// The notice's words and markup come from the build (checks.offline, a <template> in every page).
function offerReload(waiting) {
  const template = document.getElementById("rm-update-notice");
  if (!template || document.querySelector(".rm-update")) return;
  const notice = template.content.firstElementChild.cloneNode(true);
  notice.querySelector("button").addEventListener("click", () => waiting.postMessage({ type: "SKIP_WAITING" }));
  document.body.append(notice);
}

async function register() {
  if (!("serviceWorker" in navigator)) return;
  await loaded();
  await engineSettled();
  const registration = await navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.href });
  if (usesEngine()) keepEngine();
  const hadController = Boolean(navigator.serviceWorker.controller);
  const watch = (worker) =>
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerReload(worker);
    });
  if (registration.waiting && hadController) offerReload(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadController && !reloading) {
      reloading = true;
      window.location.reload();
    }
  });
}

register().catch((error) => console.error("rm-offline: the offline copy could not be set up.", error));

/** Megabytes, one decimal place, for a message's {done}, {total} and {remaining}. */
export function fillMegabytes(text, figures) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in figures ? (figures[name] / 1e6).toFixed(1) : whole));
}

/** The "Make this site available offline" control (markup and words: checks.offline). It asks the
 * service worker how much of the engine is left to download, has it copy the engine, and shows its
 * progress ("engine-progress" messages) in a <progress>; the status line says when it is done or failed. */
export function initOfflineControl(root) {
  if (!("serviceWorker" in navigator)) return; // stays hidden where no service worker can keep a copy
  const words = JSON.parse(root.dataset.config).messages;
  const parts = [".rm-offline-size", "button", ".rm-offline-meter", ".rm-offline-figures", ".rm-offline-status"];
  const [size, button, meter, figures, status] = parts.map((selector) => root.querySelector(selector));
  const bar = meter.querySelector("progress");
  const show = ({ done, total }) => {
    Object.assign(bar, { max: total || 1, value: done });
    figures.textContent = fillMegabytes(words.progress, { done, total });
  };
  const finish = (text) => {
    status.textContent = text;
    button.disabled = false;
  };
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (!root.isConnected) return;
    const { type, ...data } = event.data || {};
    if (type === "engine-status") {
      root.hidden = false; // offered once the service worker answers: it does the work
      size.textContent = fillMegabytes(words.size, { remaining: data.total - data.done });
      size.hidden = data.done === data.total; // nothing left to download
      show(data);
      if (data.done === data.total) finish(words.done);
    } else if (type === "engine-progress") {
      meter.hidden = false;
      show(data);
    } else if (type === "engine-cached") finish(words.done);
    else if (type === "engine-failed") finish(words.failed);
  });
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = words.copying;
    meter.hidden = false;
    (await navigator.serviceWorker.ready).active.postMessage({ type: "cache-engine" });
  });
  navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type: "engine-status" }));
}
