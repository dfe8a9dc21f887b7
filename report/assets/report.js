// Links a page box, a record cell and a flag that share a cell key ("2:funds[0].executed").
// Hover lights them up; a click selects them and scrolls the other panel to the first one;
// the selection is kept in the URL (#cell=KEY) so a link opens the report on it; #flag-N (the Nth
// flag) or #flag=CODE (the first flag with that code) opens it on a flag, its cells selected.
(function () {
  "use strict";
  var byKey = new Map();
  var selected = [];

  function keysOf(element) {
    return (element.getAttribute("data-keys") || "").split(" ").filter(Boolean);
  }

  document.querySelectorAll("[data-keys]").forEach(function (element) {
    keysOf(element).forEach(function (key) {
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key).push(element);
    });
  });

  function linked(keys) {
    var found = new Set();
    keys.forEach(function (key) {
      (byKey.get(key) || []).forEach(function (element) { found.add(element); });
    });
    return Array.from(found);
  }

  function reveal(element) {
    var details = element.closest("details");
    if (details) details.open = true;
    element.scrollIntoView({ block: "center", inline: "nearest" });
  }

  // a selection with no box (an empty cell) still brings its form's first page into view
  function revealPageOf(element) {
    var form = element && element.closest("article.form");
    var page = form && document.getElementById("page-" + form.getAttribute("data-page"));
    if (page) page.scrollIntoView({ block: "start" });
  }

  function select(keys, origin) {
    selected.forEach(function (element) { element.classList.remove("active"); });
    selected = linked(keys);
    selected.forEach(function (element) { element.classList.add("active"); });
    var box = selected.find(function (element) { return element.classList.contains("box"); });
    var cell = selected.find(function (element) { return element.classList.contains("cell"); });
    if (box && !(origin && origin.classList.contains("box"))) reveal(box);
    if (!box) revealPageOf(origin || cell);
    if (cell && !(origin && origin.closest(".records"))) reveal(cell);
    var anchor = origin && origin.classList.contains("flag") ? "#" + origin.id : "#cell=" + encodeURIComponent(keys[0]);
    if (keys.length) history.replaceState(null, "", anchor);
  }

  document.addEventListener("click", function (event) {
    var element = event.target.closest("[data-keys]");
    if (element) select(keysOf(element), element);
  });

  document.addEventListener("keydown", function (event) {
    var element = event.target.closest && event.target.closest("[data-keys]");
    if (element && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(keysOf(element), element);
    }
  });

  function hover(event, on) {
    var element = event.target.closest("[data-keys]");
    if (!element) return;
    linked(keysOf(element)).forEach(function (other) { other.classList.toggle("hover", on); });
  }
  document.addEventListener("mouseover", function (event) { hover(event, true); });
  document.addEventListener("mouseout", function (event) { hover(event, false); });

  var toggle = document.getElementById("toggle-boxes");
  if (toggle) {
    toggle.addEventListener("change", function () {
      document.body.classList.toggle("hide-boxes", !toggle.checked);
    });
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  });

  var match = /^#cell=(.+)$/.exec(location.hash);
  var code = /^#flag=(\w+)$/.exec(location.hash);
  var flag = code ? document.querySelector('.flag[data-code="' + code[1] + '"]')
    : /^#flag-\d+$/.test(location.hash) && document.getElementById(location.hash.slice(1));
  if (match) select([decodeURIComponent(match[1])], null);
  if (flag) {
    select(keysOf(flag), flag);
    reveal(flag);
  }
})();
