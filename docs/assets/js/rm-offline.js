// Offline support: registers the service worker (sw.js at the site root, found from this
// module's own URL so the site works under a subpath) and offers a quiet reload notice when
// a new version of the site has been installed. Saved answers live in localStorage and are
// untouched by updates.

const SITE_ROOT = new URL("../../", import.meta.url);
const SETTLE_TIMEOUT_MS = 30000;

// On a checklist page, wait until the scoring engine has loaded (or failed) before the
// service worker starts copying the site: the big runtime files are then already in the
// HTTP cache, and the copy revalidates them instead of downloading them a second time.
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

function offerReload(waiting) {
  if (document.querySelector(".rm-update")) return;
  const notice = document.createElement("div");
  notice.className = "rm-update";
  notice.setAttribute("role", "status");
  notice.append("A new version of this site is available. ");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = "Reload to update";
  button.addEventListener("click", () => waiting.postMessage({ type: "SKIP_WAITING" }));
  notice.append(button);
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
