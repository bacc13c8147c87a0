"""The notebooks as the analysts use them: opened in a real JupyterLab, in Chromium, and run cell by cell.

One JupyterLab server (the project's environment, headless, on localhost) serves a copy of the project that
`make run` built (conftest: `made_project`; copied again, since a notebook run with its defaults writes
build/<study>/ anew), so each notebook's defaults find the earlier steps' outputs there. Each notebook is
opened through the browser, must start on the project's own kernel (`collabstudy`, found through
JUPYTER_PATH as `make lab` finds it) and is run from the Run menu; then no cell may have failed and the
first table must be on screen. Nothing is saved: autosave is off, and the notebook file is the same after
the run. User configuration, workspaces and settings live in a temporary folder, so nothing leaks from or
into the user's JupyterLab. Uses the system Chromium (/usr/bin/chromium) through Playwright; never
downloads a browser.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync", "--no-first-run"]
NOTEBOOKS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")
KERNEL = "collabstudy"
KERNELSPEC = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL / "kernel.json"
# itables 2.9.1, init_notebook_mode(connected=False): its dark-mode script awaits the library before the
# next output defines it, in JupyterLab only; the tables render regardless (checked below).
KNOWN_PAGE_ERRORS = ("Cannot destructure property 'set_or_remove_dark_class'",)
# The notebook panel on show (JupyterLab hides other tabs' panels).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium saknas (/usr/bin/chromium); JupyterLab-testerna hoppas över"
    ),
]

# JupyterLab's own state of the notebook on show: read through window.jupyterapp (--expose-app-in-browser),
# since an error output renders exactly as text on stderr does (both .jp-OutputArea-output
# [data-mime-type="application/vnd.jupyter.stderr"]); only the model tells them apart.
STATE = """() => {
  const app = window.jupyterapp, panel = app && app.shell.currentWidget;
  if (!panel || !panel.context || !panel.context.isReady || !panel.sessionContext) return null;
  const session = panel.sessionContext.session;
  const cells = Array.from(panel.content.model.cells).filter(c => c.type === 'code');
  const outputs = c => Array.from({length: c.outputs.length}, (_, j) => c.outputs.get(j).toJSON());
  return {
    ready: panel.sessionContext.isReady && !!session && !!session.kernel,
    kernel: session && session.kernel ? session.kernel.name : null,
    status: panel.sessionContext.kernelDisplayStatus,
    running: cells.filter(c => c.executionState === 'running').length,
    counts: cells.map(c => c.executionCount),
    errors: cells.flatMap((c, i) => outputs(c).filter(o => o.output_type === 'error').map(o => ({
      cell: i + 1, source: c.sharedModel.getSource().slice(0, 300), ename: o.ename, evalue: o.evalue,
      traceback: (o.traceback || []).join('\\n').replace(/\\x1b\\[[0-9;]*m/g, '').slice(-2000)}))),
  };
}"""
READY = f"() => {{ const s = ({STATE})(); return (s && s.ready && s.status === 'idle') || !!document.querySelector('.jp-Dialog'); }}"
# Done: the kernel idle and no cell queued or running, and every code cell run, or one failed (the rest
# are then never run). Every cell is queued (running) as soon as Run All Cells is chosen.
DONE = f"""() => {{ const s = ({STATE})();
  return s && s.status === 'idle' && s.running === 0 && (s.counts.every(n => n !== null) || s.errors.length > 0)
    && !Array.from(document.querySelectorAll('{PANEL} .jp-InputPrompt')).some(p => p.textContent.includes('*'));
}}"""
# Every interactive table (itables) has been made a DataTable: until then it shows itables' loading logo.
TABLES_INITIALISED = (
    f"""() => !document.querySelector('{PANEL} .jp-OutputArea-output table a[href="https://itables.org/"]')"""
)


@dataclass
class Lab:
    """A running JupyterLab server on the project copy."""

    project: Path
    port: int
    token: str
    log: Path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(self.url(f"api/{path}"), method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _isolated(folder: Path, project: Path) -> dict[str, str]:
    """Settings of this server only: no user config, no news or update checks, no autosave."""
    config = folder / "config"
    config.mkdir(parents=True)
    (config / "jupyter_lab_config.py").write_text(
        "c.LabApp.news_url = None\n"
        'c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"\n'
        'c.LabApp.extension_manager = "readonly"\n',
        encoding="utf-8",
    )
    settings = folder / "user-settings" / "@jupyterlab"
    for plugin, values in {
        "docmanager-extension/plugin": {"autosave": False},  # never write the notebook
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        (settings / plugin).parent.mkdir(parents=True, exist_ok=True)
        (settings / plugin).with_suffix(".jupyterlab-settings").write_text(json.dumps(values), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        # The project's kernels and JupyterLab, as `make lab` finds them (the Makefile exports JUPYTER_PATH)
        JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"),
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_DATA_DIR=str(folder / "data"),  # holds no kernel: the project's is found through JUPYTER_PATH
        JUPYTER_RUNTIME_DIR=str(folder / "runtime"),
        IPYTHONDIR=str(folder / "ipython"),
        # The copy's own lib/ (a clone installs its own lib/ in editable mode), not this checkout's.
        PYTHONPATH=str(project / "lib"),
    )
    return env


@pytest.fixture(scope="module")
def lab(made_project, tmp_path_factory):
    made, first = made_project
    assert first.returncode == 0, f"make run misslyckades i projektkopian:\n{first.stdout[-3000:]}\n{first.stderr}"
    folder = tmp_path_factory.mktemp("jupyterlab")
    # A copy of its own, times kept: a notebook run with its defaults writes build/<study>/ again, and JupyterLab
    # adds notebooks/.ipynb_checkpoints/; the other tests of the published study read `made` as make left it.
    project = folder / "project"
    shutil.copytree(made, project, symlinks=True)
    env = _isolated(folder, project)
    port, token = _free_port(), secrets.token_hex(16)
    log = folder / "server.log"
    command = [
        str(Path(sys.prefix) / "bin" / "jupyter"),
        "lab",
        "--no-browser",
        "--expose-app-in-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # the port asked for, or a clear failure
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={project}",
        f"--LabApp.workspaces_dir={folder / 'workspaces'}",
        f"--LabApp.user_settings_dir={folder / 'user-settings'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = Lab(project, port, token, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (
                f"JupyterLab avslutades direkt (kod {server.returncode}):\n{running.log_tail()}"
            )
            try:
                running.api("status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, f"JupyterLab svarar inte efter 60 s:\n{running.log_tail()}"
                time.sleep(0.25)
        yield running
    finally:
        server.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the server's own process group: it and its kernels
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def test_lab_offers_the_projects_kernel(lab):
    """The kernel JupyterLab starts for the notebooks is the project's, running the project's Python."""
    specs = lab.api("kernelspecs")["kernelspecs"]
    assert KERNEL in specs, f"kärnan {KERNEL} saknas i JupyterLab: {sorted(specs)}"
    assert Path(specs[KERNEL]["spec"]["argv"][0]) == Path(sys.prefix) / "bin" / "python"


def _wait(page, lab: Lab, condition: str, seconds: float, what: str) -> None:
    """Wait in the page until `condition` holds; if it never does, say what JupyterLab was doing."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition, timeout=seconds * 1000, polling=250)
    except PlaywrightTimeout:
        state = page.evaluate(STATE)
        pytest.fail(f"{what} inom {seconds:.0f} s; JupyterLab: {state}\nserverns logg:\n{lab.log_tail()}")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _failures(errors: list[dict]) -> str:
    return "\n\n".join(
        f"cell {e['cell']} ({e['ename']}: {e['evalue']}):\n{e['source']}\n--\n{e['traceback']}" for e in errors
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(lab, browser, name):
    display_name = json.loads(KERNELSPEC.read_text(encoding="utf-8"))["display_name"]
    notebook = lab.project / "notebooks" / f"{name}.ipynb"
    before = _digest(notebook)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        # A workspace of its own: JupyterLab reopens no other notebook (nor starts its kernel).
        page.goto(lab.url(f"lab/workspaces/test-{name}/tree/notebooks/{name}.ipynb"), wait_until="load")
        _wait(page, lab, READY, 90, f"{name} öppnades inte med en kärna redo")
        dialog = page.locator(".jp-Dialog")
        if dialog.count():  # JupyterLab asks which kernel: the project's
            dialog.locator("select").select_option(label=display_name)
            dialog.locator(".jp-mod-accept").click()
            _wait(page, lab, READY, 90, f"kärnan {KERNEL} startade inte för {name}")
        toolbar_kernel = page.locator(f"{PANEL} .jp-NotebookPanel-toolbar .jp-Toolbar-kernelName")
        assert toolbar_kernel.inner_text().strip() == display_name
        assert page.evaluate(STATE)["kernel"] == KERNEL

        page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        _wait(page, lab, DONE, 300, f"{name}: cellerna kördes inte klart")
        state = page.evaluate(STATE)
        assert state["errors"] == [], f"{name}: celler misslyckades i JupyterLab:\n{_failures(state['errors'])}"
        assert all(n is not None for n in state["counts"]), f"{name}: celler kördes inte: {state['counts']}"

        table = page.locator(f"{PANEL} .jp-OutputArea-output table").first
        assert table.count(), f"{name}: ingen tabell i utdata"
        table.scroll_into_view_if_needed()
        assert table.is_visible(), f"{name}: den första tabellen syns inte"
        assert table.locator("tbody tr").count() > 0, f"{name}: den första tabellen har inga rader"
        _wait(page, lab, TABLES_INITIALISED, 15, f"{name}: de interaktiva tabellerna visades inte")  # 03, 04
        unexpected = [e for e in page_errors if not any(known in e for known in KNOWN_PAGE_ERRORS)]
        assert unexpected == [], f"{name}: fel i sidans JavaScript: {unexpected}"
    finally:
        context.close()
        for session in lab.api("sessions"):  # free the kernel: the next notebook starts its own
            if session["path"] == f"notebooks/{name}.ipynb":
                lab.api(f"sessions/{session['id']}", method="DELETE")
    assert _digest(notebook) == before, f"{name}: notebooken sparades"
