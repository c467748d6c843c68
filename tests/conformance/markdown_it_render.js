#!/usr/bin/env node
// Render a Markdown file to HTML with npm `markdown-it`, raw HTML on (`html: true`), as a site that
// trusts its Markdown would. usage: node markdown_it_render.js FILE.md
// (looks for markdown-it in $QB_NODE/node_modules, default /tmp/qb-node); exit 3 when it is missing.
const fs = require('fs');
const path = require('path');
const base = process.env.QB_NODE || '/tmp/qb-node';
let markdownIt;
try {
  markdownIt = require(path.join(base, 'node_modules', 'markdown-it'));
} catch (e) {
  console.error(`cannot load markdown-it from ${base}: ${e.message}`);
  process.exit(3);
}
process.stdout.write(markdownIt({ html: true }).render(fs.readFileSync(process.argv[2], 'utf8')));
