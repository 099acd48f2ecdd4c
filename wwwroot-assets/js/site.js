// Progressive enhancement only: every page works without this file.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  var holder = button.closest("[hidden]");
  if (holder) { holder.hidden = false; }
  button.addEventListener("click", function () { window.print(); });
});
