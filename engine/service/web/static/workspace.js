// The YAML box follows the form as the live assessment answers, except while it holds edits of its own:
// those are kept (not replaced by the form's YAML) until "Use this YAML" takes them into the form.
"use strict";
document.addEventListener("input", (event) => {
  if (event.target.id === "yaml") {
    event.target.dataset.edited = "true";
  }
});
document.addEventListener("htmx:oobBeforeSwap", (event) => {
  const box = event.detail.target;
  if (box && box.id === "yaml" && box.dataset.edited === "true") {
    event.detail.shouldSwap = false;
    const kept = document.getElementById("yaml-kept");
    if (kept) {
      kept.hidden = false;
    }
  }
});
