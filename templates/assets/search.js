// Search page: Pagefind's interface with Arabic strings of our own, right
// to left. A query in ?q= (from the search box in every page header) is run
// at once.
// The index is split into bundles (newsdossier/site/search_bundles.py):
// pagefind/ holds the names and the interface, the articles are in the
// bundles listed in data-bundles, merged here.
// Articles are indexed as plain text with proclitics marked by a hyphen
// («و-بوتين», newsdossier/site/search_text.py): the excerpts shown here
// take the mark out again.
(function () {
  "use strict";

  // Pagefind's own Arabic strings put a number before a plural noun
  // («22 نتائج ل بوتين»); these avoid number agreement altogether.
  var STRINGS = {
    placeholder: "ابحث في الملف",
    clear_search: "مسح",
    load_more: "عرض مزيد من النتائج",
    search_label: "البحث في الملف",
    filters_label: "تصفية النتائج",
    zero_results: "لا نتائج لـ«[SEARCH_TERM]»",
    many_results: "النتائج لـ«[SEARCH_TERM]»: [COUNT]",
    one_result: "نتيجة واحدة لـ«[SEARCH_TERM]»",
    total_zero_results: "لا نتائج",
    total_one_result: "نتيجة واحدة",
    total_many_results: "عدد النتائج: [COUNT]",
    alt_search: "لا نتائج لـ«[SEARCH_TERM]». النتائج لـ«[DIFFERENT_TERM]» بدلًا منها",
    search_suggestion: "لا نتائج لـ«[SEARCH_TERM]». جرّب كلمات أخرى:",
    searching: "جارٍ البحث عن «[SEARCH_TERM]»…",
  };
  var FILTERS = ["القمة", "النوع"];
  // The proclitics the index marks (search_text.py's MARK): a hyphen after
  // one to three letters at the start of a word.
  var PROCLITIC_MARK = /(^|[^\u0621-\u064A])([\u0621-\u064A]{1,3})-(?=[\u0621-\u064A<])/g;
  var DIACRITICS = /[\u064B-\u0652\u0670\u0640]/g;

  // The tagger's folds (newsdossier/language/normalize.py), enough to
  // compare a typed word with the gazetteer's names.
  function fold(word) {
    return word
      .replace(DIACRITICS, "")
      .replace(/[أإآٱ]/g, "ا")
      .replace(/ى/g, "ي")
      .replace(/ة/g, "ه");
  }

  function words(text) {
    return text.split(/[\s\u060C\u061B\u061F.,;:!?«»"'()\[\]]+/).filter(Boolean);
  }

  // At most one edit (insert, delete, replace, or two neighbours swapped).
  function oneEditApart(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The gazetteer's name words by their folded form.
  function nameWords(names) {
    var byFold = {};
    names.forEach(function (name) {
      words(name).forEach(function (word) {
        var folded = fold(word);
        if (folded.length > 2 && !(folded in byFold)) byFold[folded] = word;
      });
    });
    return byFold;
  }

  // A typed word that no name starts with, and that is no inflection of a
  // name, but is one letter off a name word of four letters or more, is
  // taken for that name («بوتن» → «بوتين»). Other words stay as typed.
  function nearestName(word, byFold) {
    var whole = fold(word);
    // The word as typed, and without a leading proclitic (وبوتن).
    var forms = [whole].concat(/^[وفبل].{3}/.test(whole) ? [whole.slice(1)] : []);
    if (whole.length < 4) return null;
    var known = Object.keys(byFold);
    var isKnown = function (form) {
      return known.some(function (name) { return name.indexOf(form) === 0 || form.indexOf(name) === 0; });
    };
    if (forms.some(isKnown)) return null;
    for (var i = 0; i < forms.length; i++) {
      var found = known.filter(function (name) { return name.length >= 4 && oneEditApart(forms[i], name); }).sort();
      if (found.length) return byFold[found[0]];
    }
    return null;
  }

  // The index marks a proclitic before ال and before a name
  // (search_text.py), and indexes the word both whole and without it; the
  // query drops it in the same places, so that «وبوتين» finds every
  // «بوتين» and «والعقوبات» every «العقوبات».
  function withoutProclitic(word, byFold) {
    var article = /^(?:[وفبك]|وب|فب|وك|فك)(ال[\u0621-\u064A]{2,})$/.exec(word);
    if (article) return article[1];
    var name = /^[وفبل]([\u0621-\u064A]{3,})$/.exec(word);
    return name && (fold(name[1]) in byFold) ? name[1] : null;
  }

  function cleanExcerpt(html) {
    return html ? html.replace(PROCLITIC_MARK, "$1$2") : html;
  }

  function showNote(note, typed, searched, retry) {
    if (typed === searched) {
      note.hidden = true;
      note.textContent = "";
      return;
    }
    note.textContent = "لا يرد «" + typed + "» في أسماء الملف، فعُرضت نتائج «" + searched + "». ";
    var literal = document.createElement("button");
    literal.type = "button";
    literal.className = "link-button";
    literal.textContent = "ابحث عن «" + typed + "» كما كُتب";
    literal.addEventListener("click", function () { retry(typed); });
    note.appendChild(literal);
    note.hidden = false;
  }

  function offline(box) {
    var message = document.createElement("p");
    message.className = "flag";
    message.setAttribute("role", "status");
    message.textContent = "لا يعمل البحث حين تُفتح صفحات الموقع من القرص مباشرة: " +
      "يحتاج إلى خادم ويب (انشر الموقع، أو شغّل make serve للمعاينة). بقية الصفحات تعمل كما هي.";
    box.replaceWith(message);
  }

  window.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("search");
    if (window.location.protocol === "file:") return offline(box);
    var note = document.getElementById("search-note");
    var root = new URL(box.getAttribute("data-root") || "./", document.baseURI);
    var bundles = JSON.parse(box.getAttribute("data-bundles") || "[]");
    var byFold = nameWords(JSON.parse(box.getAttribute("data-names") || "[]"));
    var literal = null; // a query the reader asked to search as typed
    var ui;

    function processTerm(term) {
      // One-letter words (a stray و or ب) would match every word they start.
      var kept = words(term).filter(function (word) { return fold(word).length > 1; });
      var typed = kept.join(" ");
      if (typed === literal) {
        showNote(note, typed, typed);
        return typed;
      }
      var guessed = false;
      var searched = kept.map(function (word) {
        var bare = withoutProclitic(word, byFold);
        if (bare) return bare;
        var near = nearestName(word, byFold);
        guessed = guessed || Boolean(near);
        return near || word;
      }).join(" ");
      showNote(note, typed, guessed ? searched : typed, function (again) {
        literal = again;
        // Pagefind skips a search for the term already in its box: the
        // trailing space makes it new (words() drops it again).
        ui.triggerSearch(again + " ");
      });
      return searched;
    }

    function processResult(result) {
      result.excerpt = cleanExcerpt(result.excerpt);
      (result.sub_results || []).forEach(function (sub) { sub.excerpt = cleanExcerpt(sub.excerpt); });
      return result;
    }

    ui = new PagefindUI({
      element: "#search",
      bundlePath: new URL("pagefind/", root).href,
      baseUrl: root.pathname,
      mergeIndex: bundles.map(function (folder) {
        return { bundlePath: new URL(folder, root).href, baseUrl: root.pathname };
      }),
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      translations: STRINGS,
      processTerm: processTerm,
      processResult: processResult,
      // Filters open on a wide screen; on a phone they would push the
      // results below the first screen.
      openFilters: window.matchMedia("(min-width: 48em)").matches ? FILTERS : [],
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
})();
