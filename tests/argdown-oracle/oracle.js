// Argdown's own parser as a test oracle for pag (see README: Interop / Argdown).
// Usage: node oracle.js FILE.argdown...  -> one JSON object on stdout, {FILE: model}, each model
//   {errors: [{kind, message, line}], statements: {title: {text, members, tags, data}},
//    arguments: {title: {text, members, tags, data, pcs: [[role, title, text]]}},
//    relations: [[fromTitle, relationType, toTitle, fromType, toType]]}
// relationType is Argdown's own: support, attack, undercut, contradictory, contrary, entails.
"use strict";
const fs = require("fs");
const core = require("@argdown/core");

const app = new core.ArgdownApplication();
app.addPlugin(new core.ParserPlugin(), "parse-input");
app.addPlugin(new core.DataPlugin(), "build-model");
app.addPlugin(new core.ModelPlugin(), "build-model");

const text = (m) => (m && typeof m.text === "string" ? m.text : "");
const line = (e) => (e.token && e.token.startLine) || e.line || null;

function model(input) {
  const r = app.run({ input, process: ["parse-input", "build-model"], logExceptions: false, throwExceptions: false });
  const errors = [];
  for (const e of r.lexerErrors || []) errors.push({ kind: "lexer", message: e.message, line: line(e) });
  for (const e of r.parserErrors || []) errors.push({ kind: "parser", message: e.message, line: line(e) });
  for (const e of r.exceptions || []) errors.push({ kind: "exception", message: String(e.message || e), line: null });
  const out = { errors, statements: {}, arguments: {}, relations: [] };
  const inferenceOf = new Map(); // an undercut's target is an inference: name it by its argument
  for (const [t, ec] of Object.entries(r.statements || {})) {
    const members = (ec.members || []).map(text);
    out.statements[t] = { members, tags: ec.tags || [], data: ec.data || {} };
  }
  for (const [t, a] of Object.entries(r.arguments || {})) {
    const members = (a.members || []).map(text);
    out.arguments[t] = { members, tags: a.tags || [], data: a.data || {},
      pcs: (a.pcs || []).map((s) => [s.role, s.title, text(s)]) };
    for (const s of a.pcs || []) if (s.inference) inferenceOf.set(s.inference, t);
  }
  const title = (n) => (n.type === "inference" ? inferenceOf.get(n) : n.title);
  for (const rel of r.relations || []) {
    out.relations.push([title(rel.from), rel.relationType, title(rel.to), rel.from.type, rel.to.type]);
  }
  return out;
}

const result = {};
for (const file of process.argv.slice(2)) result[file] = model(fs.readFileSync(file, "utf8"));
process.stdout.write(JSON.stringify(result) + "\n");
