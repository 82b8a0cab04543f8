// Search page: Pagefind's interface, in Arabic (Pagefind picks its
// translations from <html lang="ar">). A query in ?q= (from the search box
// in every page header) is run at once.
// The index is split into bundles (newsdossier/site/search_bundles.py):
// pagefind/ holds the names and the interface, the articles are in the
// bundles listed in data-bundles, merged here.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  var root = new URL(box.getAttribute("data-root") || "./", document.baseURI);
  var bundles = JSON.parse(box.getAttribute("data-bundles") || "[]");
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL("pagefind/", root).href,
    baseUrl: root.pathname,
    mergeIndex: bundles.map(function (folder) {
      return { bundlePath: new URL(folder, root).href, baseUrl: root.pathname };
    }),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    openFilters: ["القمة", "النوع"],
  });
  // Give Pagefind's input the visible label on the page (it has a title only).
  var input = document.querySelector("#search input[type=text], #search input[type=search]");
  if (input) {
    input.id = "search-input";
    input.setAttribute("aria-labelledby", "search-label");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
