// The answer recipe builder in the exercise editor: "Work out the answer" asks the server for the answer
// and the SQL-like summary of the recipe as it stands, before anything is saved. Delegated, so questions
// added with "Add checked question" work too.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-recipe-check]");
  if (!button) return;
  const widget = button.closest("[data-recipe]");
  const result = widget.querySelector("[data-recipe-result]");
  const form = widget.closest("form");
  const body = new FormData();
  body.append("recipe_name", widget.dataset.recipe);
  for (const input of widget.querySelectorAll("input, select, textarea")) {
    if (input.name) body.append(input.name, input.value);
  }
  const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  result.textContent = "Working out the answer…";
  try {
    const response = await fetch(widget.dataset.recipeCheckUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: token ? { "X-CSRFToken": token.value } : {},
      body,
    });
    const payload = await response.json();
    if (!response.ok && !payload.html) throw new Error(payload.error || String(response.status));
    result.innerHTML = payload.html;
  } catch (error) {
    result.textContent = `The answer could not be worked out (${error.message}). Save to check the recipe.`;
  }
});
