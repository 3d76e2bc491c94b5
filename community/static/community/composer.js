// Live preview for the forum composer: while a member types, the server renders the text with the same
// renderer as a posted message and the preview below the box is replaced. Without this script the
// "Preview" button does the same with a page load.
const DELAY_MS = 400;

function csrfToken(form) {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function enhance(composer) {
  const form = composer.closest("form");
  const textarea = composer.querySelector("textarea");
  const region = composer.querySelector("[data-composer-preview]");
  const body = composer.querySelector("[data-composer-preview-body]");
  if (!form || !textarea || !region || !body) return;
  let timer = null;
  let latest = 0;

  async function refresh() {
    const ticket = ++latest;
    if (!textarea.value.trim()) {
      region.hidden = true;
      return;
    }
    const data = new FormData();
    data.append("body", textarea.value);
    try {
      const response = await fetch(composer.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form) },
      });
      if (!response.ok || ticket !== latest) return;
      // The fragment is the server's sanitised output: the same HTML a posted message shows.
      body.innerHTML = await response.text();
      region.hidden = false;
    } catch (error) {
      // Offline or the server is busy: the Preview button still works.
    }
  }

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
  if (textarea.value.trim() && region.hidden) refresh();
}

document.querySelectorAll("[data-academy-composer]").forEach(enhance);
