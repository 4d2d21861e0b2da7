// Validates asyncapi.yaml (and the JSON Schemas it references) with the AsyncAPI parser.
// Prints one line per diagnostic and a summary; exits 1 on any error. Run: npm ci && npm run check
import { Parser, fromFile } from '@asyncapi/parser';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, path.join(here, 'asyncapi.yaml')).parse();
const severities = ['error', 'warning', 'info', 'hint'];
let errors = 0;
for (const d of diagnostics) {
  const level = severities[d.severity] ?? String(d.severity);
  if (d.severity === 0) errors++;
  console.log(`${level} ${d.code} ${d.path.join('.')}: ${d.message}`);
}
if (!document) {
  console.log('asyncapi.yaml: not a valid AsyncAPI document');
  process.exit(1);
}
const messages = document.allMessages().length;
console.log(`asyncapi.yaml: AsyncAPI ${document.version()}, ${document.channels().length} channels, `
  + `${document.operations().length} operations, ${messages} messages, ${errors} errors`);
process.exit(errors === 0 ? 0 : 1);
