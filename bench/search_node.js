// assets/search-core.js run by Node on a built site, for the tests and
// `make eval-search` (bench/search.py): what is measured is the engine the
// search page runs. One JSON request on stdin, one JSON answer on stdout:
//
//   {"core": PATH, "site": FOLDER, "queries": [Q, …], "excerpts": N}
//     → per query: status, unknown words with suggestions, names, ignored
//       words, and every result in rank order (url, kind, phrase, and the
//       title and excerpt parts of the first N)
//   {"core": PATH, "rules": RULES, "words": [T, …], "terms": [T, …], "gaps": [G, …],
//    "postings": [P, …], "digits": D, "negative": N}
//     → per text: its words ([word, key]), each key's readings and whether it
//       is proclitics only; per term, its term file among 64; per gap,
//       whether the words on its sides make a phrase; per posting list's
//       text, its numbers
"use strict";
const fs = require("fs");
const path = require("path");

function main(request) {
  const core = require(path.resolve(request.core));
  if (request.words) {
    const spell = core.spelling(request.rules);
    return Promise.resolve({
      words: request.words.map((text) => {
        const tokens = spell.tokenize(text);
        return {
          tokens: tokens.map((t) => [t.word, t.key]),
          keys: tokens.map((t) => t.keys),
          readings: tokens.map((t) => spell.readings(t.key)),
          terms: tokens.map((t) => spell.terms(t)),
          proclitics: tokens.map((t) => spell.onlyProclitics(t.key)),
        };
      }),
      shards: (request.terms || []).map((term) => core.shardOf(term, 64)),
      gaps: (request.gaps || []).map((gap) => spell.joinsPhrase(gap)),
      postings: (request.postings || []).map(core.postings(request.digits, request.negative)),
    });
  }
  const load = (file) => JSON.parse(fs.readFileSync(path.join(request.site, file), "utf8"));
  const engine = core.engine(load, (file) => fs.readFileSync(path.join(request.site, file)));
  const shown = request.excerpts || 0;
  return request.queries.reduce((done, query) => done.then(async (answers) => {
    const answer = await engine.search(query);
    const hits = [];
    for (const [n, hit] of answer.hits.entries()) {
      const record = await engine.record(hit);
      const row = { url: record.url, kind: hit.kind, phrase: hit.phrase, own: hit.own, summits: hit.summits };
      if (n < shown) Object.assign(row, await engine.show(record, answer));
      hits.push(row);
    }
    answers.push({
      query: query,
      status: answer.status,
      ignored: answer.ignored,
      cut: answer.cut,
      unknown: answer.unknown.map((u) => ({ word: u.word, suggestions: u.suggestions })),
      names: answer.names.map((n) => ({ words: n.words, entity: n.entity.id, written: n.written })),
      hits: hits,
    });
    return answers;
  }), Promise.resolve([]));
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  main(JSON.parse(input)).then(
    (answer) => { process.stdout.write(JSON.stringify(answer)); },
    (error) => { process.stderr.write(String(error && error.stack || error) + "\n"); process.exit(1); },
  );
});
