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

  window.addEventListener("DOMContentLoaded", function () {
    var buttons = Array.prototype.slice.call(document.querySelectorAll(".names-switch"));
    function show(on) {
      root.classList.toggle("show-names", on);
      buttons.forEach(function (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); });
    }
    buttons.forEach(function (button) {
      button.hidden = false; // without this script it could do nothing
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
