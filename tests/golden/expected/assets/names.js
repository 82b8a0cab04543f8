// «إظهار الأسماء»: the article's mentions drawn as coloured chips with their
// type (شخص، مكان، منظمة، حدث), or, by default, as quiet text where only the
// first mention of each name in a section is a link. The choice is kept in
// the browser (localStorage) for every article page.
(function () {
  "use strict";
  var KEY = "newsdossier.show-names";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function store(on) {
    try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
  }

  // Set before the body is drawn (this script is in <head>): no flash of
  // the other look on a page opened with the names shown.
  root.classList.toggle("show-names", stored());

  // The types and their labels, in display order: the words of TYPE_LABELS
  // (site/arabic.py; tests/site/test_arabic.py holds the two together).
  var TYPES = [
    ["person", "شخص"],
    ["place", "مكان"],
    ["organisation", "منظمة"],
    ["event", "حدث"],
    ["document", "وثيقة"],
  ];

  // The switch and the legend, before the article's text. Made here, once
  // for every article page, rather than written into each: without this
  // script neither could be used or seen (the switch would do nothing, and
  // the legend is shown only with the names).
  function tools(body) {
    var box = document.createElement("div");
    box.className = "names-tools";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "names-switch";
    button.setAttribute("aria-pressed", "false");
    button.textContent = "إظهار الأسماء";
    var legend = document.createElement("p");
    legend.className = "legend";
    var caption = document.createElement("span");
    caption.className = "visually-hidden";
    caption.textContent = "ألوان الأسماء حسب النوع:";
    legend.appendChild(caption);
    TYPES.forEach(function (type) {
      var chip = document.createElement("span");
      chip.className = "entity entity-" + type[0];
      chip.textContent = type[1];
      legend.appendChild(chip);
      legend.appendChild(document.createTextNode(" "));
    });
    box.appendChild(button);
    box.appendChild(legend);
    body.parentNode.insertBefore(box, body);
    return button;
  }

  window.addEventListener("DOMContentLoaded", function () {
    var buttons = Array.prototype.slice.call(document.querySelectorAll(".article-body")).map(tools);
    function show(on) {
      root.classList.toggle("show-names", on);
      buttons.forEach(function (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); });
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var on = !root.classList.contains("show-names");
        store(on);
        show(on);
      });
    });
    show(root.classList.contains("show-names"));
    // A link to a removed line (#line-13, #removed) opens the closed list it
    // is in, in every browser (some open it by themselves, some do not).
    function reveal() {
      var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
      var list = target && target.closest && target.closest("details");
      if (list && !list.open) { list.open = true; target.scrollIntoView(); }
    }
    window.addEventListener("hashchange", reveal);
    reveal();
  });
})();
