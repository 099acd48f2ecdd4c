// Suggestions for search boxes marked data-suggest: fills their <datalist> as the citizen types.
// Progressive enhancement only: without this file the boxes are plain search forms.
"use strict";
document.querySelectorAll("input[data-suggest][list]").forEach(function (input) {
  var list = document.getElementById(input.getAttribute("list"));
  var timer = 0;
  var last = "";
  if (!list || !window.fetch) { return; }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) { return; }
      last = q;
      fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (titles) {
          list.replaceChildren.apply(list, titles.map(function (title) {
            var option = document.createElement("option");
            option.value = title;
            return option;
          }));
        })
        .catch(function () { /* suggestions are optional */ });
    }, 150);
  });
});
