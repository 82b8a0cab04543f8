// The search page: the query in ?q= (from the search box in every page
// header, or this page's own form) answered by assets/search-core.js from
// the index the build wrote under search/, in Arabic, right to left.
// Everything shown is built as DOM text (never as HTML): titles and
// excerpts are the texts as written, the found words in <mark>.
(function () {
  "use strict";

  var PAGE = 10; // results shown at a time
  var KINDS = [["article", "المقالات"], ["summit", "القمم"], ["entity", "الأسماء"]];
  var KIND_LABEL = { article: "مقال", summit: "قمة" };
  var NO_SUMMIT = "";

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function quoted(text) { return "«" + text + "»"; }

  // «أ» و«ب» و«ج»
  function list(items) {
    return items.map(quoted).join(" و");
  }

  function searchLink(query, label) {
    var link = make("a", "", label);
    link.href = "?q=" + encodeURIComponent(query);
    return link;
  }

  function offline(form, box) {
    var message = make("p", "flag", "لا يعمل البحث حين تُفتح صفحات الموقع من القرص مباشرة: " +
      "يحتاج إلى خادم ويب (انشر الموقع، أو شغّل make serve للمعاينة). بقية الصفحات تعمل كما هي.");
    message.setAttribute("role", "status");
    form.hidden = true;
    box.replaceWith(message);
  }

  // ------------------------------------------------------------ what was found

  function status(box, answer) {
    box.textContent = "";
    var line = make("p");
    box.appendChild(line);
    if (answer.status === "results") {
      line.textContent = "عدد النتائج: " + answer.hits.length;
      answer.names.forEach(function (name) {
        var note = make("p", "search-note");
        note.appendChild(document.createTextNode(quoted(name.words) + " اسم في معجم الملف: "));
        var link = make("a", "", name.entity.name);
        link.href = new URL(name.entity.url, rootUrl).href;
        note.appendChild(link);
        note.appendChild(document.createTextNode(name.written
          ? ". تشمل النتائج كل صفحة تذكره، بهذه الصيغة أو بغيرها."
          : ". لا يرد بهذه الصيغة في النصوص؛ النتائج هي الصفحات التي تذكره بصيغها الأخرى."));
        box.appendChild(note);
      });
    } else if (answer.status === "unknown") {
      var words = answer.unknown.map(function (u) { return u.word; });
      line.className = "search-none";
      line.textContent = "لا ترد " + list(words) + " في أي نص من نصوص الملف" +
        (words.length === 1 ? "." : "، فلا نتائج.");
      answer.unknown.forEach(function (u) {
        if (!u.suggestions.length) return;
        var note = make("p", "search-note", "أقرب اسم في معجم الملف: ");
        u.suggestions.forEach(function (name, i) {
          if (i) note.appendChild(document.createTextNode("، "));
          var query = answer.query.split(u.word).join(name);
          note.appendChild(searchLink(query, quoted(name)));
        });
        note.appendChild(document.createTextNode(" (ابحث عنه)"));
        box.appendChild(note);
      });
    } else if (answer.status === "apart") {
      line.className = "search-none";
      line.textContent = "ترد هذه الكلمات في الملف، لكنها لا تجتمع كلها في صفحة واحدة.";
    } else if (answer.status === "no-phrase") {
      line.className = "search-none";
      line.textContent = "لا ترد هذه العبارة بترتيب كلماتها في أي نص من نصوص الملف. ";
      var loose = answer.query.replace(/["«»“”„‟″＂]/g, " ").replace(/\s+/g, " ").trim();
      if (loose !== answer.query.trim()) line.appendChild(searchLink(loose, "ابحث عن كلماتها متفرقة"));
    } else if (answer.status === "short") {
      line.className = "search-none";
      line.textContent = "اكتب كلمة من حرفين أو أكثر: لا يُبحث عن حرف واحد، ولا عن «و» أو «ب» أو «ال» وحدها.";
    } else if (answer.status === "nothing") {
      line.className = "search-none";
      line.textContent = "لا نتائج.";
    } else {
      box.removeChild(line);
    }
    if (answer.ignored.length && answer.status !== "short") {
      box.appendChild(make("p", "search-note", "لم يُبحث عن " + list(answer.ignored) +
        ": لا يُبحث عن حرف واحد ولا عن أداة وحدها."));
    }
    if (answer.cut.length) {
      box.appendChild(make("p", "search-note", "طلب طويل: لم يُبحث عن " + list(answer.cut) + "."));
    }
  }

  // ------------------------------------------------------------ filters

  function filterGroups(container, answer, summits, changed) {
    container.textContent = "";
    var counts = { kind: {}, summit: {} };
    answer.hits.forEach(function (hit) {
      counts.kind[hit.kind] = (counts.kind[hit.kind] || 0) + 1;
      (hit.summits.length ? hit.summits : [NO_SUMMIT]).forEach(function (s) {
        counts.summit[s] = (counts.summit[s] || 0) + 1;
      });
    });
    var groups = [
      ["kind", "النوع", KINDS],
      ["summit", "القمة", summits.map(function (s) { return [s.id, s.title]; }).concat([[NO_SUMMIT, "بلا قمة"]])],
    ];
    groups.forEach(function (group) {
      var options = group[2].filter(function (o) { return counts[group[0]][o[0]]; });
      if (options.length < 2) return;
      var fieldset = make("fieldset", "search-filter");
      fieldset.appendChild(make("legend", "", group[1]));
      options.forEach(function (option) {
        var label = make("label");
        var box = make("input");
        box.type = "checkbox";
        box.name = group[0];
        box.value = option[0];
        box.addEventListener("change", changed);
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + option[1] + " (" + counts[group[0]][option[0]] + ")"));
        fieldset.appendChild(label);
      });
      container.appendChild(fieldset);
    });
    return container.children.length > 0;
  }

  function chosen(container, name) {
    return Array.prototype.map.call(container.querySelectorAll("input[name=" + name + "]:checked"),
      function (box) { return box.value; });
  }

  function filtered(container, hits) {
    var kinds = chosen(container, "kind"), summits = chosen(container, "summit");
    return hits.filter(function (hit) {
      var inSummit = (hit.summits.length ? hit.summits : [NO_SUMMIT]).some(function (s) {
        return summits.indexOf(s) >= 0;
      });
      return (!kinds.length || kinds.indexOf(hit.kind) >= 0) && (!summits.length || inSummit);
    });
  }

  // ------------------------------------------------------------ results

  function parts(element, shown) {
    if (shown.before) element.appendChild(document.createTextNode("… "));
    shown.parts.forEach(function (part) {
      if (!part.mark) return element.appendChild(document.createTextNode(part.text));
      var mark = make("mark", part.description ? "descriptive" : "", part.text);
      if (part.description) mark.title = "إشارة بالوصف إلى الاسم المطلوب";
      element.appendChild(mark);
    });
    if (shown.after) element.appendChild(document.createTextNode(" …"));
  }

  function result(record, shown, summitTitles) {
    var item = make("li", "result result-" + record.kind);
    var meta = make("p", "result-meta");
    var bits = [record.kind === "entity" ? record.type || "اسم" : KIND_LABEL[record.kind]];
    (record.summits || []).forEach(function (s) { if (record.kind !== "summit") bits.push(summitTitles[s]); });
    if (record.date_label) bits.push(record.date_label);
    if (record.outlet) bits.push(record.outlet);
    bits.forEach(function (bit, i) {
      if (i) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(make("span", i ? "" : "result-kind", bit));
    });
    var title = make("h2", "result-title");
    var link = make("a");
    link.setAttribute("href", new URL(record.url, rootUrl).pathname);
    parts(link, shown.title);
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(meta);
    if (shown.excerpt.parts.length) {
      var excerpt = make("p", "result-excerpt");
      parts(excerpt, shown.excerpt);
      item.appendChild(excerpt);
    }
    return item;
  }

  var rootUrl;

  window.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("search-form");
    var box = document.getElementById("search");
    if (window.location.protocol === "file:") return offline(form, box);
    rootUrl = new URL(box.getAttribute("data-root") || "./", document.baseURI);
    var input = document.getElementById("search-input");
    var statusBox = document.getElementById("search-status");
    var filters = document.getElementById("search-filters");
    var groups = document.getElementById("search-filter-groups");
    var results = document.getElementById("search-results");
    var more = document.getElementById("search-more");
    function get(path) {
      return fetch(new URL(path, rootUrl).href).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response;
      });
    }
    var engine = SearchCore.engine(
      function (path) { return get(path).then(function (response) { return response.json(); }); },
      function (path) { return get(path).then(function (response) { return response.arrayBuffer(); }); }
    );
    var current = 0, answer = null, hits = [], shown = 0, summitTitles = {};
    // Open on a wide screen; on a phone they would push the results down.
    filters.open = window.matchMedia("(min-width: 48em)").matches;

    function busy(on) { results.setAttribute("aria-busy", on ? "true" : "false"); }

    function showMore() {
      var run = current, batch = hits.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = true;
      busy(true);
      return Promise.all(batch.map(function (hit) {
        return engine.record(hit).then(function (record) {
          return engine.show(record, answer).then(function (text) { return result(record, text, summitTitles); });
        });
      })).then(function (items) {
        if (run !== current) return;
        items.forEach(function (item) { results.appendChild(item); });
        more.hidden = shown >= hits.length;
        busy(false);
      });
    }

    function refilter() {
      current++;
      hits = filtered(groups, answer.hits);
      shown = 0;
      results.textContent = "";
      return showMore();
    }

    function run(query) {
      var run = ++current;
      results.textContent = "";
      more.hidden = true;
      filters.hidden = true;
      statusBox.textContent = query.trim() ? "جارٍ البحث…" : "";
      if (!query.trim()) return busy(false);
      busy(true);
      engine.search(query).then(function (found) {
        if (run !== current) return;
        answer = found;
        engine.index.summits.forEach(function (s) { summitTitles[s.id] = s.title; });
        status(statusBox, answer);
        if (answer.status !== "results") return busy(false);
        filters.hidden = !filterGroups(groups, answer, engine.index.summits, refilter);
        hits = answer.hits;
        shown = 0;
        return showMore();
      }).catch(function () {
        if (run !== current) return;
        statusBox.textContent = "تعذّر تحميل فهرس البحث. أعد تحميل الصفحة، أو تصفّح فهرس الأسماء وفهرس المقالات.";
        busy(false);
      });
    }

    more.addEventListener("click", showMore);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.pushState(null, "", url.href);
      run(input.value);
    });
    window.addEventListener("popstate", function () {
      input.value = new URLSearchParams(window.location.search).get("q") || "";
      run(input.value);
    });
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    run(input.value);
  });
})();
