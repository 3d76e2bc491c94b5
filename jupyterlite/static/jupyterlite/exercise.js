// Embeds the lab for each exercise on the page: starts it at once, shows progress, keeps the learner's
// notebook (browser storage), offers a reset when the exercise changed, and shows verdicts from check().
const CHANNEL = "data-academy-exercises";
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

function setup(section) {
  const lab = section.querySelector(".academy-lab");
  const frame = section.querySelector("[data-lab-frame]");
  const status = section.querySelector("[data-lab-status]");
  const changed = section.querySelector("[data-lab-changed]");
  const verdict = section.querySelector("[data-lab-verdict]");
  const { labUrl, notebookUrl, notebookPath, version, slug } = section.dataset;
  const say = (text) => { status.textContent = text; };
  const app = () => frame.contentWindow && frame.contentWindow.jupyterapp;

  async function starter() {
    const response = await fetch(notebookUrl, { credentials: "same-origin" });
    if (!response.ok) throw new Error("starter notebook " + response.status);
    return response.json();
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

  async function start() {
    lab.hidden = false;
    section.dataset.labState = "loading";
    say("Loading the Python lab (this takes a few seconds the first time)…");
    try {
      mark("frame-start");
      let jupyter = await loadFrame(labUrl);
      mark("app");
      // An exercise added after the lab was built is not in its files yet: seed it from the server.
      try {
        await jupyter.serviceManager.contents.get(notebookPath, { content: false });
      } catch (e) {
        await jupyter.serviceManager.contents.save(notebookPath, { type: "notebook", format: "json", content: await starter() });
        jupyter = await loadFrame(labUrl + "&seeded=1");
      }
      say("Starting Python…");
      const widget = await waitFor(() => jupyter.shell.currentWidget && jupyter.shell.currentWidget.sessionContext && jupyter.shell.currentWidget, 60000);
      await widget.context.ready;
      mark("notebook");
      const meta = widget.context.model.getMetadata ? widget.context.model.getMetadata("academy") : null;
      if (meta && meta.version && meta.version !== version) changed.hidden = false;
      const kernel = await waitFor(() => widget.sessionContext.session && widget.sessionContext.session.kernel, 60000);
      mark("kernel-object");
      await kernel.info;
      mark("ready");
      section.dataset.labState = "ready";
      say("Python is ready. Run the cells with Shift and Enter.");
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

  new BroadcastChannel(CHANNEL).addEventListener("message", (event) => {
    let data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (data.type !== "exercise-check" || data.exercise !== slug) return;
    verdict.textContent = (data.correct ? "Correct: " : "Not yet: ") + (data.message || data.error || "");
    const item = section.querySelector(`[data-question-key="${CSS.escape(data.question)}"] [data-question-state]`);
    if (item && data.status === 201) item.textContent = data.correct ? "answered correctly" : `${data.attempts} attempts, not yet correct`;
  });

  start();
}

document.querySelectorAll(".academy-exercise[data-lab-url]").forEach(setup);
