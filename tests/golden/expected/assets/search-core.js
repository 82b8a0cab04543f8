// The search engine: reads a query as the build read the texts and answers
// it from the index the build wrote (newsdossier/site/search_index.py).
// No page or browser is needed here: the search page (assets/search.js)
// and Node (the tests, `make eval-search`) load this same file, and give it
// a function that loads one of the index's JSON files.
//
// Every spelling rule comes from the index (index.json's "rules", written
// from newsdossier/language/spelling.py): the character folds, the word
// pattern, the proclitics, when two words make a phrase, the other keys of
// a word (tanween alif, Latin accents). None is typed here.
//
// What a query word matches: a word of the texts with the same key, or
// that word written with proclitics (وبوتين for بوتين), never a part of a
// word. The index files every written word under each of its readings as
// proclitics + a base, with the proclitics; here a query word is searched
// by the shortest of its bases that the dossier writes as a word (on its
// own or after ال) or that is a word of a gazetteer name, and a written
// word counts as that base + proclitics only where `readable` says so. A
// query that spells a gazetteer entity also finds every page naming it.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SearchCore = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var KIND_RANK = { article: 0, summit: 1, entity: 2 };
  var NAME_TERM = "#";
  var SUFFIX = 3; // characters of a term that choose its term file (search_index.SUFFIX)
  var MAX_WORDS = 16; // a longer query is cut: every word costs a file per segment
  var TITLE_WEIGHT = 2; // a title word counts this much more than a word of the text
  var K1 = 1.2, B = 0.75; // BM25
  var RATIO = 16; // see Engine.readable

  // ------------------------------------------------------------ spelling

  function chars(text) { return Array.from(text); }

  // The rules of spelling.browser_rules() as functions.
  function spelling(rules) {
    var folds = rules.folds;
    var word = new RegExp(rules.word, "gu");
    var gap = new RegExp(rules.phrase_gap, "u");
    var article = rules.article, fused = rules.fused_article;
    // Every way proclitics are written (spelling.only_proclitics).
    var sequences = {};
    rules.readings.forEach(function (rule) { sequences[rule[0]] = true; });

    var ranges = rules.ranges;
    function common(ch) {
      var code = ch.codePointAt(0);
      return ranges.some(function (r) { return r[0] <= code && code <= r[1]; });
    }
    function foldCommon(ch) {
      return Object.prototype.hasOwnProperty.call(folds, ch) ? folds[ch] : common(ch) ? ch.toLowerCase() : null;
    }
    // spelling.fold_char, as browser_rules() describes it.
    function fold(text) {
      var out = "";
      for (var ch of text) {
        var key = foldCommon(ch);
        if (key === null) {
          key = "";
          for (var part of ch.normalize("NFKC")) key += foldCommon(part) || "";
        }
        out += key;
      }
      return out;
    }

    var tanween = new RegExp(rules.tanween_alif, "u");
    var accents = new RegExp("[" + rules.latin_accents + "]", "gu");

    // spelling.search_keys: the key, without a tanween alif, without accents.
    function searchKeys(written, key) {
      var keys = [key];
      if (chars(key).length > 2 && key.slice(-1) === "\u0627" && tanween.test(written)) keys.push(key.slice(0, -1));
      if (plain(key) !== key) keys.push(plain(key));
      return keys;
    }

    function plain(key) { return key.normalize("NFD").replace(accents, "").normalize("NFC"); }

    // Words with their place in `text` (UTF-16 indices), match keys and
    // search keys; a word with no key (tatweel alone) is no word, as in
    // tokens.tokenize.
    function tokenize(text) {
      var tokens = [];
      word.lastIndex = 0;
      var match;
      while ((match = word.exec(text)) !== null) {
        var key = fold(match[0]);
        if (key) {
          tokens.push({
            word: match[0], key: key, keys: searchKeys(match[0], key),
            start: match.index, end: match.index + match[0].length,
          });
        }
      }
      return tokens;
    }

    // spelling.word_readings: [proclitics, base] pairs, the word first,
    // read by the same table (rules.readings: [written, proclitics, restored]).
    function readings(key) {
      var found = [["", key]], seen = {};
      seen["\u0000" + key] = true;
      rules.readings.forEach(function (rule) {
        var written = rule[0];
        if (key.indexOf(written) !== 0) return;
        var reading = [rule[1], rule[2] + key.slice(written.length)];
        if (chars(reading[1]).length < rules.min_base) return;
        var id = reading[0] + "\u0000" + reading[1];
        if (!seen[id]) { seen[id] = true; found.push(reading); }
      });
      return found;
    }

    // Every [proclitics, base] reading of every key of a written word, as
    // the index files it (search_text.word_terms: no article where the
    // word begins with an alef written with hamza).
    function terms(token) {
      var found = [], seen = {};
      token.keys.forEach(function (k) {
        readings(k).forEach(function (r) {
          var id = r[0] + "\u0000" + r[1];
          if (seen[id] || hamzaArticle(token.word, r[0])) return;
          seen[id] = true;
          found.push(r);
        });
      });
      return found;
    }

    // Whether proclitics ending in the article stand, in the written word,
    // where it begins with an alef written with hamza (إلغاء is no ال + غاء).
    function hamzaArticle(written, prefix) {
      if (prefix.slice(-article.length) !== article) return false;
      var at = chars(prefix).length - chars(article).length, n = 0;
      for (var ch of written) {
        var key = fold(ch);
        if (key && n + chars(key).length > at) return rules.hamza_alefs.indexOf(ch) >= 0;
        n += chars(key).length;
      }
      return false;
    }

    return {
      fold: fold,
      tokenize: tokenize,
      plain: plain,
      terms: terms,
      readings: readings,
      onlyProclitics: function (key) { return sequences[key] === true; },
      joinsPhrase: function (text) { return gap.test(text); },
      isArticle: function (prefix) {
        return prefix.slice(-article.length) === article || prefix.slice(-fused.length) === fused;
      },
      hasArticle: function (base) { return base.indexOf(article) === 0; },
      shortBase: rules.short_base,
    };
  }

  function fnv1a(text) {
    var value = 0x811c9dc5;
    for (var ch of text) value = Math.imul(value ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return value;
  }

  function shardOf(term, shards) {
    var all = chars(term);
    var key = term[0] === NAME_TERM || all.length < SUFFIX ? term : all.slice(-SUFFIX).join("");
    return fnv1a(key) & (shards - 1);
  }

  // At most one edit apart (insert, delete, replace, or two neighbours swapped).
  function oneEditApart(a, b) {
    a = chars(a); b = chars(b);
    if (Math.abs(a.length - b.length) > 1 || a.join("") === b.join("")) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    var rest = function (list, from) { return list.slice(from).join(""); };
    if (a.length === b.length) {
      return rest(a, i + 1) === rest(b, i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2));
    }
    return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
  }

  // ------------------------------------------------------------ the index

  // `load(path)`: a JSON file of the site, parsed; `loadBytes(path)`: a
  // file's bytes (an ArrayBuffer or Uint8Array), for an article's text
  // given by reference to its raw copy.
  function Engine(load, loadBytes) {
    this.load = load;
    this.loadBytes = loadBytes;
    this.files = {};
  }

  Engine.prototype.file = function (path) {
    if (!this.files[path]) this.files[path] = Promise.resolve(this.load(path));
    return this.files[path];
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (!this._ready) {
      this._ready = this.file("search/index.json").then(function (index) {
        self.index = index;
        self.spell = spelling(index.rules);
        self.postings = postings(index.digits, index.negative);
        self.sameAs = index.same_as;
        self.total = index.segments.reduce(function (n, s) { return n + s.docs; }, 0);
        var words = index.segments.reduce(function (n, s) { return n + s.words; }, 0);
        self.average = self.total ? words / self.total : 1;
        return self.file(index.names);
      }).then(function (names) { self.names = gazetteer(self.spell, names); });
    }
    return this._ready;
  };

  // The gazetteer's spellings by key, and the words of its names.
  function gazetteer(spell, data) {
    var byKey = {}, words = {}, longest = 1;
    data.spellings.forEach(function (row) {
      var key = row[0], entity = row[1], written = row[2];
      if (!(key in byKey)) byKey[key] = entity;
      var tokens = spell.tokenize(written);
      var plainKey = tokens.map(function (t) { return spell.plain(t.key); }).join(" ");
      if (!(plainKey in byKey)) byKey[plainKey] = entity;
      longest = Math.max(longest, tokens.length);
      tokens.forEach(function (t) {
        t.keys.forEach(function (k) { if (!(k in words)) words[k] = t.word; });
      });
    });
    return { entities: data.entities, byKey: byKey, words: words, longest: longest };
  }

  // ------------------------------------------------------------ the query

  // The query's words, each with the group it belongs to: a quotation (its
  // words must be a phrase), words joined with no space (شي-بوتين, 117.5:
  // a phrase too), or none.
  function parse(spell, query) {
    var all = spell.tokenize(query), tokens = all.slice(0, MAX_WORDS);
    var quoted = false, quotes = 0, from = 0;
    tokens.forEach(function (token, i) {
      var before = query.slice(from, token.start);
      for (var ch of before) if (spell.fold(ch) === "\"") { quoted = !quoted; quotes++; }
      var previous = tokens[i - 1];
      var joined = i > 0 && !quoted && !previous.quoted && !/\s/u.test(before) && spell.joinsPhrase(before);
      token.quoted = quoted;
      if (quoted) token.group = "q" + quotes;
      else if (joined) token.group = previous.group = previous.group[0] === "j" ? previous.group : "j" + i;
      else token.group = "w" + i;
      from = token.end;
    });
    tokens.forEach(function (t) { t.lone = chars(t.key).length < 2 || spell.onlyProclitics(t.key); });
    var cut = all.slice(MAX_WORDS).map(function (t) { return t.word; });
    return { tokens: tokens, cut: cut };
  }

  // What the query asks: requirements, each a word, a phrase (words that
  // must follow each other) or a gazetteer name; names are taken longest
  // first among words that stand alone. A word of one letter, or of
  // proclitics only, is searched for only as part of a name («أ ف ب»);
  // otherwise it is left out, and said to be (`ignored`).
  function requirements(names, spell, tokens, ignored) {
    var found = [], i = 0;
    function drop(t) { if (t.lone) ignored.push(t.word); return !t.lone; }
    while (i < tokens.length) {
      var group = tokens[i].group, j = i;
      while (j < tokens.length && tokens[j].group === group) j++;
      if (group[0] !== "w") {
        var all = tokens.slice(i, j), name = nameOf(names, spell, all);
        var words = name === null ? all.filter(drop) : all;
        if (words.length) found.push({ words: words, name: name });
        i = j;
        continue;
      }
      var run = i;
      while (run < tokens.length && tokens[run].group[0] === "w") run++;
      var taken = false;
      for (var end = Math.min(run, i + names.longest); end > i; end--) {
        var named = nameOf(names, spell, tokens.slice(i, end));
        if (named !== null) {
          found.push({ words: tokens.slice(i, end), name: named });
          i = end;
          taken = true;
          break;
        }
      }
      if (!taken) {
        if (drop(tokens[i])) found.push({ words: [tokens[i]], name: null });
        i++;
      }
    }
    return found;
  }

  // The entity a run of words spells, if any (the first word may carry
  // proclitics: وبوتين, لشي جين بينغ).
  function nameOf(names, spell, words) {
    var forms = [function (k) { return k; }, spell.plain];
    for (var f = 0; f < forms.length; f++) {
      var rest = words.slice(1).map(function (w) { return forms[f](w.key); });
      var readings = spell.readings(forms[f](words[0].key));
      for (var r = 0; r < readings.length; r++) {
        var key = [readings[r][1]].concat(rest).join(" ");
        if (key in names.byKey) return names.byKey[key];
      }
    }
    return null;
  }

  function allReadings(spell, token) { return spell.terms(token); }

  // ------------------------------------------------------------ postings

  // A term's postings as spans of word positions, by page: {doc: [first,
  // last, first, last, …]} (flat: a query may touch every page of a large
  // dossier). A word's span is one position; a name's (`spans`) its words.
  function decode(flat, spans, into) {
    var doc = 0, i = 0;
    while (i < flat.length) {
      doc += flat[i];
      var count = flat[i + 1], list = into[doc] || (into[doc] = []);
      i += 2;
      var at = 0;
      for (var n = 0; n < count; n++) {
        at += flat[i];
        if (spans) { list.push(at, at + flat[i + 1]); i += 2; } else { list.push(at, at); i += 1; }
      }
    }
    return into;
  }

  Engine.prototype.shards = function (terms) {
    var self = this, wanted = {};
    this.index.segments.forEach(function (segment, s) {
      terms.forEach(function (term) {
        wanted[segment.path + "terms-" + shardOf(term, segment.shards) + ".json"] = s;
      });
    });
    var paths = Object.keys(wanted).sort();
    return Promise.all(paths.map(function (p) { return self.file(p); })).then(function (loaded) {
      var bySegment = self.index.segments.map(function () { return []; });
      paths.forEach(function (p, n) { bySegment[wanted[p]].push(loaded[n]); });
      return bySegment;
    });
  };

  // The term's entry in a segment ({prefix: postings}), if any, its
  // postings read from their text once: digits, or `sameAs` + the term (in
  // the same term file) whose postings as written they are.
  Engine.prototype.entry = function (files, term) {
    for (var f = 0; f < files.length; f++) {
      if (!Object.prototype.hasOwnProperty.call(files[f], term)) continue;
      var found = files[f][term];
      for (var prefix in found) {
        var text = found[prefix];
        if (typeof text !== "string") continue;
        found[prefix] = text.charAt(0) === this.sameAs ? this.entry(files, text.slice(1))[""] : this.postings(text);
      }
      return found;
    }
    return null;
  };

  // A posting list's text as its numbers (search_index.postings_text):
  // base-32 numbers, highest digit first, every digit but the last from the
  // second half of `digits`; `negative` before a number negates it.
  function postings(digits, negative) {
    var value = {};
    for (var d = 0; d < digits.length; d++) value[digits[d]] = d;
    return function (text) {
      var numbers = [], number = 0, sign = 1;
      for (var i = 0; i < text.length; i++) {
        var ch = text[i];
        if (ch === negative) { sign = -1; continue; }
        var digit = value[ch];
        number = number * 32 + (digit & 31);
        if (digit < 32) { numbers.push(sign * number); number = 0; sign = 1; }
      }
      return numbers;
    };
  }

  // ------------------------------------------------------------ answering

  Engine.prototype.search = function (query) {
    var self = this;
    return this.ready().then(function () { return self.answer(query); });
  };

  Engine.prototype.answer = function (query) {
    var self = this, spell = this.spell, names = this.names;
    var parsed = parse(spell, query), ignored = [];
    var reqs = requirements(names, spell, parsed.tokens, ignored);
    var answer = {
      query: query, ignored: ignored, cut: parsed.cut, unknown: [], names: [], hits: [], stems: {}, entities: {},
    };
    if (!reqs.length) {
      answer.status = ignored.length ? "short" : "empty";
      return Promise.resolve(answer);
    }
    var terms = {};
    reqs.forEach(function (req) {
      req.words.forEach(function (w) { allReadings(spell, w).forEach(function (r) { terms[r[1]] = true; }); });
      if (req.name !== null) terms[NAME_TERM + names.entities[req.name].id] = true;
    });
    return this.shards(Object.keys(terms)).then(function (files) {
      return self.match(answer, reqs, files);
    });
  };

  // The base a query word is searched by (see the top of this file), or null.
  Engine.prototype.stem = function (files, token) {
    var readings = allReadings(this.spell, token).sort(function (a, b) {
      return chars(a[1]).length - chars(b[1]).length || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    });
    for (var r = 0; r < readings.length; r++) {
      var prefix = readings[r][0], base = readings[r][1];
      if (!this.readable(files, prefix, base)) continue;
      if (this.named(base) || this.counts(files, base).known) return base;
    }
    return null;
  };

  Engine.prototype.named = function (word) {
    return Object.prototype.hasOwnProperty.call(this.names.words, word);
  };

  // How often, over every segment, `term` is written as a word of its own
  // (`written`), after the article (`afterArticle`), or either (`known`).
  Engine.prototype.counts = function (files, term) {
    var cache = files.counts || (files.counts = {});
    if (Object.prototype.hasOwnProperty.call(cache, term)) return cache[term];
    var self = this, spell = this.spell, written = 0, afterArticle = 0;
    files.forEach(function (segmentFiles) {
      var found = self.entry(segmentFiles, term) || {};
      Object.keys(found).forEach(function (prefix) {
        if (prefix === "") written += occurrences(found[prefix]);
        else if (spell.isArticle(prefix)) afterArticle += occurrences(found[prefix]);
      });
    });
    cache[term] = { written: written, afterArticle: afterArticle, known: written + afterArticle };
    return cache[term];
  };

  function occurrences(flat) {
    var total = 0;
    for (var i = 0; i < flat.length; i += 2 + flat[i + 1]) total += flat[i + 1];
    return total;
  }

  // Whether a word written as `prefix` + `base` is read as the proclitics
  // and the base: always after the article (ال، بال، لل…) or before a
  // gazetteer name's word (وبوتين، وشي); otherwise never for a base of
  // fewer than short_base letters (كما is not ك + ما), and, for a bare و ف
  // ب ك ل, never when the whole is itself written after the article (وحدة
  // is no و + حدة: the texts write الوحدة; nor وزير و + زير), nor when the
  // whole is written more than RATIO times as often as the base (كانت is
  // no ك + انت; فيها no ف + «يها» of اليها); وقال is و + قال.
  Engine.prototype.readable = function (files, prefix, base) {
    var spell = this.spell;
    if (!prefix || spell.isArticle(prefix) || spell.hasArticle(base) || this.named(base)) return true;
    if (chars(base).length < spell.shortBase) return false;
    var whole = this.counts(files, prefix + base);
    return !whole.afterArticle && RATIO * this.counts(files, base).known >= whole.written;
  };

  // Every place a stem is written, in each segment: {doc: [[p, p]…]}, and
  // the proclitics it is taken with.
  Engine.prototype.places = function (files, stem) {
    var self = this, taken = {};
    files.forEach(function (segmentFiles) {
      Object.keys(self.entry(segmentFiles, stem) || {}).forEach(function (prefix) {
        if (!(prefix in taken)) taken[prefix] = self.readable(files, prefix, stem);
      });
    });
    var spans = files.map(function (segmentFiles) {
      var found = self.entry(segmentFiles, stem) || {}, into = {};
      Object.keys(found).sort().forEach(function (prefix) {
        if (taken[prefix]) decode(found[prefix], false, into);
      });
      Object.keys(into).forEach(function (d) { into[d] = sortSpans(into[d]); });
      return into;
    });
    return { spans: spans, taken: taken };
  };

  // Flat spans in order, each once.
  function sortSpans(spans) {
    var ordered = true;
    for (var i = 2; i < spans.length && ordered; i += 2) {
      ordered = spans[i] > spans[i - 2] || (spans[i] === spans[i - 2] && spans[i + 1] > spans[i - 1]);
    }
    if (ordered) return spans;
    var pairs = [];
    for (var k = 0; k < spans.length; k += 2) pairs.push([spans[k], spans[k + 1]]);
    pairs.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    pairs.forEach(function (p, n) {
      if (!n || p[0] !== pairs[n - 1][0] || p[1] !== pairs[n - 1][1]) out.push(p[0], p[1]);
    });
    return out;
  }

  // Spans where `parts` (each {doc: spans}) follow each other in order.
  function chain(parts) {
    var result = parts[0];
    for (var k = 1; k < parts.length; k++) {
      var next = parts[k], joined = {};
      Object.keys(result).forEach(function (doc) {
        if (!next[doc]) return;
        var starts = {}, after = next[doc], before = result[doc], spans = [];
        for (var i = 0; i < after.length; i += 2) (starts[after[i]] || (starts[after[i]] = [])).push(after[i + 1]);
        for (var j = 0; j < before.length; j += 2) {
          (starts[before[j + 1] + 1] || []).forEach(function (end) { spans.push(before[j], end); });
        }
        if (spans.length) joined[doc] = sortSpans(spans);
      });
      result = joined;
    }
    return result;
  }

  Engine.prototype.match = function (answer, reqs, files) {
    var self = this, names = this.names;
    var stems = reqs.map(function (req) {
      return req.words.map(function (w) {
        var stem = self.stem(files, w);
        if (stem === null && req.name === null) answer.unknown.push({ word: w.word, token: w });
        return stem;
      });
    });
    if (answer.unknown.length) {
      answer.unknown.forEach(function (u) { u.suggestions = self.suggest(u.token); });
      answer.status = "unknown";
      return answer;
    }
    var bySegment = files.map(function () { return []; });
    reqs.forEach(function (req, r) {
      var written = stems[r].every(function (s) { return s !== null; });
      var perWord = written ? stems[r].map(function (stem) { return self.places(files, stem); }) : [];
      perWord.forEach(function (w, n) { answer.stems[stems[r][n]] = w.taken; });
      files.forEach(function (segmentFiles, s) {
        var spans = written ? chain(perWord.map(function (w) { return w.spans[s]; })) : {};
        if (req.name !== null) {
          var named = self.entry(segmentFiles, NAME_TERM + names.entities[req.name].id);
          if (named) decode(named[""], true, spans);
          Object.keys(spans).forEach(function (d) { spans[d] = sortSpans(spans[d]); });
        }
        bySegment[s].push(spans);
      });
      if (req.name !== null) {
        var entity = names.entities[req.name];
        answer.entities[entity.id] = true;
        answer.names.push({ words: req.words.map(function (w) { return w.word; }).join(" "), entity: entity, written: written });
      }
    });
    return this.rank(answer, reqs, bySegment);
  };

  Engine.prototype.rank = function (answer, reqs, bySegment) {
    var self = this, index = this.index;
    var one = reqs.length === 1 && reqs[0].name !== null ? this.names.entities[reqs[0].name].id : null;
    var loads = index.segments.map(function (segment) { return self.file(segment.path + "docs.json"); });
    return Promise.all(loads).then(function (tables) {
      var df = reqs.map(function (_, r) {
        return bySegment.reduce(function (n, spansByReq) { return n + Object.keys(spansByReq[r]).length; }, 0);
      });
      var hits = [];
      bySegment.forEach(function (spansByReq, s) {
        Object.keys(spansByReq[0]).forEach(function (d) {
          var spans = spansByReq.map(function (byDoc) { return byDoc[d]; });
          if (spans.every(Boolean)) hits.push(self.hit(s, Number(d), spans, tables[s], df, one));
        });
      });
      hits.sort(function (a, b) {
        return (b.own - a.own) || (b.phrase - a.phrase) || (KIND_RANK[a.kind] - KIND_RANK[b.kind]) ||
          (b.score - a.score) || (a.segment - b.segment) || (a.doc - b.doc);
      });
      answer.hits = hits;
      if (hits.length) answer.status = "results";
      else if (reqs.some(function (r, n) { return r.words.length > 1 && r.name === null && !df[n]; })) answer.status = "no-phrase";
      else answer.status = reqs.length > 1 ? "apart" : "nothing";
      return answer;
    });
  };

  // One page that answers: its kind and summits, whether it is the page of
  // the one name asked for, whether the words are there as one phrase, and
  // its score (BM25 over the requirements; title words count more).
  Engine.prototype.hit = function (segment, d, spans, table, df, one) {
    var self = this, length = table.length[d], titleEnd = table.title[d];
    var score = 0;
    spans.forEach(function (list, r) {
      var title = 0;
      for (var i = 0; i < list.length && list[i] < titleEnd; i += 2) title++;
      var tf = list.length / 2 + TITLE_WEIGHT * title;
      var idf = Math.log(1 + (self.total - df[r] + 0.5) / (df[r] + 0.5));
      score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.average));
    });
    var phrase = spans.length > 1 && Object.keys(chain(spans.map(function (list) { return { 0: list }; }))).length > 0;
    var entities = table.entities || {};
    return {
      segment: segment,
      doc: d,
      kind: this.index.kinds[table.kind[d]],
      summits: table.summits[d].map(function (n) { return self.index.summits[n].id; }),
      own: one !== null && entities[one] === d,
      phrase: phrase,
      score: score,
      spans: spans,
    };
  };

  // ------------------------------------------------------------ showing

  // What a result shows: its record (url, title as written, kind, summits,
  // date, outlet), loaded for the results shown only.
  Engine.prototype.record = function (hit) {
    var segment = this.index.segments[hit.segment];
    var file = Math.floor(hit.doc / segment.records);
    return this.file(segment.path + "records-" + file + ".json").then(function (records) {
      return records[hit.doc - file * segment.records];
    });
  };

  // The title and an excerpt as written, in parts [{text, mark}], the words
  // and names the query found marked (`description`: a reference by title,
  // «الرئيس الروسي», that the tagger found for a name asked for). An
  // article's text comes from its data file (data/articles/<id>.json), with
  // the tagger's mentions.
  Engine.prototype.show = function (record, answer) {
    var self = this;
    var source = record.data ? this.file(record.data) : Promise.resolve({ text: record.text || "", mentions: [] });
    return source.then(function (data) {
      return self.text(data).then(function (text) {
        var mentions = (data.mentions || []).filter(function (m) { return answer.entities[m[MENTION.entity_id]]; });
        return {
          title: self.parts(record.title, answer, [], 0),
          excerpt: self.parts(text, answer, utf16(text, mentions), EXCERPT_WORDS),
        };
      });
    });
  };

  // An article's text: in its data file, or where the raw copy holds it
  // byte for byte ("text_in": the file and its bytes [start, end), UTF-8).
  Engine.prototype.text = function (data) {
    var where = data.text_in;
    if (!where) return Promise.resolve(data.text || "");
    return Promise.resolve(this.loadBytes(where.file)).then(function (bytes) {
      var view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(view.subarray(where.start, where.end));
    });
  };

  var EXCERPT_WORDS = 32;

  // A mention in an article's data file is an array (schema 7): what each
  // position holds, as site/export.py's MENTION_FIELDS and MENTION_KINDS say
  // (tests/site/test_search_script.py holds the two together).
  var MENTION = { entity_id: 0, start: 1, end: 2, kind: 3 };
  var DESCRIPTION = "d";

  // Mentions' offsets count code points (the data export's rule): as UTF-16 indices.
  function utf16(text, mentions) {
    var at = null;
    if (/[\uD800-\uDFFF]/.test(text)) {
      var n = 0;
      at = [];
      for (var ch of text) { at.push(n); n += ch.length; }
      at.push(n);
    }
    return mentions.map(function (m) {
      var start = m[MENTION.start], end = m[MENTION.end];
      return [at ? at[start] : start, at ? at[end] : end, m[MENTION.kind] === DESCRIPTION];
    });
  }

  // Whether a written word is one the query found.
  Engine.prototype.found = function (token, stems) {
    return allReadings(this.spell, token).some(function (r) {
      return Object.prototype.hasOwnProperty.call(stems, r[1]) && (r[0] === "" || stems[r[1]][r[0]] === true);
    });
  };

  // `text` (or a window of `size` words of it, where the marks are densest)
  // as parts, the found words and `ranges` marked.
  Engine.prototype.parts = function (text, answer, ranges, size) {
    var self = this;
    var tokens = this.spell.tokenize(text);
    var marks = ranges.slice();
    tokens.forEach(function (t) { if (self.found(t, answer.stems)) marks.push([t.start, t.end, false]); });
    marks = merged(marks);
    var from = 0, to = text.length;
    if (size && tokens.length > size) {
      var start = bestWindow(tokens, marks, size), end = Math.min(tokens.length, start + size);
      from = start ? tokens[start].start : 0;
      to = end < tokens.length ? tokens[end - 1].end : text.length;
    }
    var parts = [], at = from;
    marks.forEach(function (m) {
      var a = Math.max(m[0], from), b = Math.min(m[1], to);
      if (a >= b) return;
      if (a > at) parts.push({ text: text.slice(at, a), mark: false });
      parts.push({ text: text.slice(a, b), mark: true, description: m[2] });
      at = b;
    });
    if (at < to) parts.push({ text: text.slice(at, to), mark: false });
    parts.forEach(function (part) { part.text = part.text.replace(/\s+/gu, " "); });
    return { parts: parts, before: from > 0, after: to < text.length };
  };

  function merged(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) {
        last[1] = Math.max(last[1], r[1]);
        last[2] = last[2] && r[2];
      } else out.push([r[0], r[1], r[2]]);
    });
    return out;
  }

  // The first word of the window of `size` words with the most marked words
  // (two marked words in a row count double: a phrase), a few words of
  // context before the first.
  function bestWindow(tokens, marks, size) {
    var marked = [], m = 0;
    tokens.forEach(function (t, i) {
      while (m < marks.length && marks[m][1] <= t.start) m++;
      marked[i] = m < marks.length && marks[m][0] < t.end ? 1 : 0;
    });
    var best = 0, bestScore = 0;
    marked.forEach(function (isMarked, i) {
      if (!isMarked) return;
      var start = Math.max(0, Math.min(i - 4, tokens.length - size)), score = 0;
      for (var k = start; k < start + size; k++) score += marked[k] + (marked[k] && marked[k + 1] ? 1 : 0);
      if (score > bestScore) { best = start; bestScore = score; }
    });
    return best;
  }

  // Gazetteer words one edit away from a word no text contains (or from
  // it without its proclitics), of four letters or more.
  Engine.prototype.suggest = function (token) {
    var words = this.names.words, bases = {};
    allReadings(this.spell, token).forEach(function (r) { if (chars(r[1]).length >= 4) bases[r[1]] = true; });
    var found = {};
    Object.keys(words).forEach(function (word) {
      if (chars(word).length < 4) return;
      Object.keys(bases).forEach(function (base) { if (oneEditApart(base, word)) found[words[word]] = true; });
    });
    return Object.keys(found).sort().slice(0, 3);
  };

  return {
    spelling: spelling,
    shardOf: shardOf,
    postings: postings,
    engine: function (load, loadBytes) { return new Engine(load, loadBytes); },
  };
});
