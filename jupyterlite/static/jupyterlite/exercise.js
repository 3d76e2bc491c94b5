// Embeds the lab for each exercise on the page: starts it at once, shows progress, keeps the learner's
// notebook on the server (restored in any browser; the browser's copy is a cache), offers a reset when
// the exercise changed, a full-screen view, and shows verdicts from check().
const CHANNEL = "data-academy-exercises";
const SAVE_AFTER_EDIT_MS = 2500;
const SAVE_AFTER_RUN_MS = 400;
const RETRY_MS = 15000;
const MAX_BYTES = 1024 * 1024; // the server's limit (services.MAX_SAVED_NOTEBOOK_BYTES)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Phase marks (performance.mark) read by bench/lab_bench.py.
const mark = (name) => { try { performance.mark("lab:" + name); } catch (e) { /* old browser */ } };

async function waitFor(get, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try { const value = get(); if (value) return value; } catch (e) { /* not there yet */ }
    await sleep(200);
  }
  throw new Error("timed out");
}

// A short fingerprint of a notebook, to tell whether the browser's copy changed since the last save.
function fingerprint(notebook) {
  const text = JSON.stringify(notebook.cells || []);
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}

function withoutOutputs(notebook) {
  return { ...notebook, cells: notebook.cells.map((cell) => (cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell)) };
}

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

// An admin's preview keeps nothing: the draft's notebook is not saved to the server or to their own copy.
const previewStore = () => ({
  async load() { return { notebook: null, revision: 0 }; },
  async save() { return { revision: 0 }; },
  synced() { return {}; },
  remember() {},
});

function serverStore(section) {
  if (section.dataset.preview === "1") return previewStore();
  const { notebookApi, tokenUrl, slug } = section.dataset;
  const key = `academy-notebook:${slug}`;
  let token = null;
  const csrf = async () => {
    if (!token) {
      const response = await fetch(tokenUrl, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`token ${response.status}`);
      token = (await response.json()).token;
    }
    return token;
  };
  return {
    async load() {
      const response = await fetch(notebookApi, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(`load ${response.status}`);
      return response.json();
    },
    async save(body, { keepalive = false } = {}) {
      const response = await fetch(notebookApi, {
        method: "POST", credentials: "same-origin", keepalive,
        headers: { "Content-Type": "application/json", "X-CSRFToken": await csrf() },
        body,
      });
      const payload = await response.json().catch(() => ({}));
      if (!response.ok) throw Object.assign(new Error(payload.error || `save ${response.status}`), { status: response.status });
      return payload;
    },
    // What this browser last exchanged with the server: {revision, print}.
    synced() { try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { return {}; } },
    remember(revision, print) { try { localStorage.setItem(key, JSON.stringify({ revision, print })); } catch (e) { /* private mode */ } },
  };
}

function setup(section) {
  const lab = section.querySelector(".academy-lab");
  const frame = section.querySelector("[data-lab-frame]");
  const status = section.querySelector("[data-lab-status]");
  const saved = section.querySelector("[data-lab-saved]");
  const changed = section.querySelector("[data-lab-changed]");
  const verdict = section.querySelector("[data-lab-verdict]");
  const expand = section.querySelector("[data-lab-expand]");
  const { labUrl, notebookUrl, notebookPath, version, slug, warm } = section.dataset;
  const store = serverStore(section);
  const say = (text) => { status.textContent = text; };
  const saidSaved = (text, state) => { saved.hidden = false; saved.textContent = text; section.dataset.labSaveState = state; };
  const app = () => frame.contentWindow && frame.contentWindow.jupyterapp;
  let widget = null, timer = null, saving = null, dirty = false;

  async function starter() {
    // A preview gives the draft's own notebook inline (json_script), as the published one is all the server has.
    const inline = section.dataset.preview === "1" && document.getElementById(`exercise-${slug}-preview-notebook`);
    if (inline) return JSON.parse(inline.textContent);
    const response = await fetch(notebookUrl, { credentials: "same-origin" });
    if (!response.ok) throw new Error("starter notebook " + response.status);
    return response.json();
  }

  async function saveNow({ keepalive = false } = {}) {
    clearTimeout(timer);
    if (!widget) return;
    if (saving) { dirty = true; return; }
    dirty = false;
    let notebook = widget.context.model.toJSON();
    let body = JSON.stringify(notebook);
    let note = "";
    if (body.length > MAX_BYTES) {
      notebook = withoutOutputs(notebook);
      body = JSON.stringify(notebook);
      note = " (without outputs: they are too large to keep)";
    }
    saidSaved("Saving…", "saving");
    saving = store.save(body, { keepalive: keepalive && body.length < 60000 })
      .then((reply) => {
        store.remember(reply.revision, fingerprint(notebook));
        saidSaved(`Saved to your account at ${clock(reply.saved_at)}${note}.`, "saved");
      })
      .catch((error) => {
        saidSaved(`Not saved to your account yet: ${error.message}. Your work is kept in this browser; saving again shortly.`, "failed");
        if (!error.status || error.status >= 500 || error.status === 429) timer = setTimeout(saveNow, RETRY_MS);
      })
      .finally(() => { saving = null; if (dirty) schedule(SAVE_AFTER_RUN_MS); });
    await saving;
  }

  function schedule(ms) {
    clearTimeout(timer);
    dirty = true;
    timer = setTimeout(saveNow, ms);
  }

  // The server's copy wins unless this browser holds edits made after its last save (never sent).
  async function restore(serverCopy) {
    const local = widget.context.model.toJSON();
    const localPrint = fingerprint(local);
    let server;
    try { server = await serverCopy; } catch (e) {
      saidSaved("Your saved notebook could not be fetched; you are working on this browser's copy.", "failed");
      return;
    }
    const known = store.synced();
    if (!server.notebook) return;
    const serverPrint = fingerprint(server.notebook);
    if (known.revision === server.revision && known.print !== localPrint) {
      await saveNow(); // edits made here after the last save: they are the newest
    } else if (serverPrint !== localPrint) {
      widget.context.model.fromJSON(server.notebook);
      await widget.context.save();
      store.remember(server.revision, fingerprint(widget.context.model.toJSON()));
      saidSaved(`Restored your notebook saved at ${clock(server.saved_at)}.`, "saved");
    } else {
      store.remember(server.revision, serverPrint);
      saidSaved(`Saved to your account at ${clock(server.saved_at)}.`, "saved");
    }
  }

  function autosave(jupyter) {
    widget.context.model.contentChanged.connect(() => schedule(SAVE_AFTER_EDIT_MS));
    jupyter.commands.commandExecuted.connect((_, args) => { if (args.id.startsWith("notebook:run")) schedule(SAVE_AFTER_RUN_MS); });
  }

  async function reset() {
    say("Resetting the notebook…");
    await app().serviceManager.contents.save(notebookPath, { type: "notebook", format: "json", content: await starter() });
    changed.hidden = true;
    start();
  }

  async function download() {
    const model = await app().serviceManager.contents.get(notebookPath, { content: true });
    const blob = new Blob([JSON.stringify(model.content, null, 1)], { type: "application/x-ipynb+json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = slug + ".ipynb";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function loadFrame(url) {
    return new Promise((resolve) => {
      frame.addEventListener("load", resolve, { once: true });
      frame.src = url;
    }).then(() => waitFor(app, 60000));
  }

  function setExpanded(on) {
    lab.classList.toggle("academy-lab--full", on);
    document.documentElement.classList.toggle("academy-lab-open", on);
    expand.setAttribute("aria-pressed", String(on));
    expand.textContent = on ? "Exit full screen" : "Full screen";
    if (on) expand.focus();
  }

  async function start() {
    lab.hidden = false;
    section.dataset.labState = "loading";
    say("Loading the Python lab (this takes a few seconds the first time)…");
    const serverCopy = store.load();
    serverCopy.catch(() => {});
    try {
      mark("frame-start");
      let jupyter = await loadFrame(labUrl);
      mark("app");
      // An exercise added after the lab was built is not in its files yet: seed it from the server.
      // A preview always starts from the draft's own notebook.
      try {
        if (section.dataset.preview === "1") throw new Error("preview");
        await jupyter.serviceManager.contents.get(notebookPath, { content: false });
      } catch (e) {
        await jupyter.serviceManager.contents.save(notebookPath, { type: "notebook", format: "json", content: await starter() });
        jupyter = await loadFrame(labUrl + "&seeded=1");
      }
      say("Starting Python…");
      widget = await waitFor(() => jupyter.shell.currentWidget && jupyter.shell.currentWidget.sessionContext && jupyter.shell.currentWidget, 60000);
      await widget.context.ready;
      mark("notebook");
      await restore(serverCopy);
      autosave(jupyter);
      const meta = widget.context.model.getMetadata ? widget.context.model.getMetadata("academy") : null;
      if (meta && meta.version && meta.version !== version) changed.hidden = false;
      const kernel = await waitFor(() => widget.sessionContext.session && widget.sessionContext.session.kernel, 60000);
      mark("kernel-object");
      await kernel.info;
      mark("ready");
      section.dataset.labState = "ready";
      say("Python is ready. Run the cells with Shift and Enter.");
      // Per exercise, in the background: the helper (so load_frame() and altair charts work from the first
      // cell) and, for pandas exercises, pandas itself, while the learner reads the first cell.
      const code = ["import academy", ...(warm ? warm.split(" ").map((name) => `import ${name}`) : [])].join("\n");
      kernel.requestExecute({ code, silent: true, store_history: false }).done.then(() => mark("warm"));
    } catch (error) {
      section.dataset.labState = "failed";
      section.dataset.labError = `${status.textContent} ${error}`;
      say("The Python lab could not start in this browser. You can still download the data and enter your answer below.");
    }
  }

  section.querySelectorAll("[data-lab-reset]").forEach((button) => button.addEventListener("click", () => {
    if (button.closest("[data-lab-changed]") || window.confirm("Start again from the starter notebook? Your changes will be lost.")) reset();
  }));
  section.querySelector("[data-lab-download]").addEventListener("click", download);
  expand.addEventListener("click", () => setExpanded(!lab.classList.contains("academy-lab--full")));
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && lab.classList.contains("academy-lab--full")) setExpanded(false); });
  window.addEventListener("pagehide", () => { if (dirty) saveNow({ keepalive: true }); });

  new BroadcastChannel(CHANNEL).addEventListener("message", (event) => {
    let data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (data.type !== "exercise-check" || data.exercise !== slug) return;
    verdict.textContent = (data.correct ? "Correct: " : "Not yet: ") + (data.message || data.error || "");
    const item = section.querySelector(`[data-question-key="${CSS.escape(data.question)}"] [data-question-state]`);
    if (item && data.status === 201) item.textContent = data.correct ? "answered correctly" : `${data.attempts} attempt${data.attempts === 1 ? "" : "s"}, not yet correct`;
  });

  start();
}

document.querySelectorAll(".academy-exercise[data-lab-url]").forEach(setup);
