"""Asking the service worker about its copy of the scoring engine (sitebuild/sw-template.js answers an
"engine-status" message with {done, total, copying}), in any browser and in the benchmarks: the one
place that knows the question. Playwright runs these with `page.evaluate`; Selenium wraps them for
`execute_async_script`."""

from __future__ import annotations

ENGINE_STATUS = """async () => {
  const worker = (await navigator.serviceWorker.ready).active;
  const status = new Promise((resolve) => navigator.serviceWorker.addEventListener("message", function hear(event) {
    if (event.data?.type !== "engine-status") return;
    navigator.serviceWorker.removeEventListener("message", hear);
    resolve(event.data);
  }));
  worker.postMessage({type: "engine-status"});
  return await status;
}"""
"""A script giving the service worker's {done, total, copying} for the engine."""

ENGINE_KEPT = f"""async () => {{
  const {{done, total, copying}} = await ({ENGINE_STATUS})();
  return done === total && !copying;
}}"""
"""A script giving whether the service worker holds the whole engine and has stopped copying."""
