// Search page: Pagefind's interface, in Arabic (Pagefind picks its
// translations from <html lang="ar">). A query in ?q= (from the search box
// in every page header) is run at once.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({
    element: "#search",
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
