// Validates the AsyncAPI document with the AsyncAPI initiative's own parser (@asyncapi/parser):
// schema, references and its built-in rules. Exits 1 on an error, or on a warning not named in
// ALLOWED below with its reason. Run by the build (pom.xml): node validate-asyncapi.mjs <file>
import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';

// Warnings we accept, each with the reason.
const ALLOWED = {
};

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-asyncapi.mjs <asyncapi.yaml>');
  process.exit(2);
}
const { document, diagnostics } = await fromFile(new Parser(), file).parse();
const names = Object.fromEntries(Object.entries(DiagnosticSeverity).map(([k, v]) => [v, k]));
let failed = false;
for (const d of diagnostics) {
  const where = (d.path || []).join('.');
  const allowed = d.severity !== DiagnosticSeverity.Error && ALLOWED[d.code];
  const fatal = d.severity === DiagnosticSeverity.Error || (d.severity === DiagnosticSeverity.Warning && !allowed);
  failed ||= fatal;
  console.log(`${fatal ? 'FAIL' : 'ok  '} ${names[d.severity]} ${d.code} at ${where || '(root)'}: ${d.message}`
    + (allowed ? ` (accepted: ${allowed})` : ''));
}
if (!document || failed) {
  console.error(`asyncapi: ${file} is not valid`);
  process.exit(1);
}
console.log(`asyncapi: ${file} is valid AsyncAPI ${document.version()}: ${document.channels().length} channels,`
  + ` ${document.operations().length} operations, ${document.allMessages().length} messages`);
