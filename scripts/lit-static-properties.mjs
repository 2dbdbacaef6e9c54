// Rollup plugin for the CDN build (rollup.config.mjs): turns lit's `@property()` and `@state()`
// field decorators of our TypeScript sources into the `static properties` block that lit reads
// without decorators. Same behaviour (the legacy decorators call `createProperty(name, options)`
// for each field, as `static properties` does when the class is finalized), but the bundle then
// carries neither esbuild's decorator helper (one copy per module), nor a call per field, nor
// lit's decorator functions (about 370 B gzip of the CDN file in all).
//
// The sources keep their decorators: they are what the custom-elements analyzer documents.
// A class that already declares `static properties`, or a decorator that is not a plain call of
// `property` or `state`, is left as written.
//
// Tests: test/node/lit-static-properties.test.ts; the component tests run on the transformed
// sources with test/components/cdn-transforms.config.mjs.
import ts from 'typescript';
import { applyEdits } from './minify-literals.mjs';

/**
 * Rewrites the decorated fields of every class in `code`. Resolves `{ code, map }` (a decoded
 * source map of the edits), or null when nothing changed.
 */
export function decoratorsToStaticProperties(code, fileName = 'file.ts') {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) rewriteClass(node, source, edits);
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return null;
  return applyEdits(code, edits.sort((a, b) => a.start - b.start), fileName);
}

function rewriteClass(node, source, edits) {
  const declares = node.members.some((member) => member.name?.getText(source) === 'properties' && isStatic(member));
  if (declares) return;
  const entries = [];
  const removals = [];
  for (const member of node.members) {
    if (!ts.isPropertyDeclaration(member) || isStatic(member)) continue;
    const decorators = ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : [];
    if (decorators.length !== 1) {
      if (decorators.length > 1) return;
      continue;
    }
    const options = litOptions(decorators[0], source);
    if (options === null) return;
    entries.push(`${member.name.getText(source)}: ${options}`);
    removals.push({ start: decorators[0].getStart(source), end: decorators[0].getEnd() });
  }
  if (entries.length === 0) return;
  for (const removal of removals) edits.push({ ...removal, text: '' });
  const open = node.members.pos;
  edits.push({ start: open, end: open, text: ` static override properties = { ${entries.join(', ')} };` });
}

/** The options object of `@property(…)` / `@state(…)` as source text, or null for another decorator. */
function litOptions(decorator, source) {
  const call = decorator.expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.arguments.length > 1) return null;
  const name = call.expression.text;
  const argument = call.arguments[0]?.getText(source);
  if (name === 'property') return argument ?? '{}';
  // `@state()` is `@property({ state: true })` (lit then sets `attribute: false`).
  if (name === 'state' && argument === undefined) return '{ state: true }';
  return null;
}

function isStatic(member) {
  return (ts.getModifiers?.(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
}

/**
 * The Rollup plugin. `include` selects the modules to rewrite (our components).
 * @param {{ include?: RegExp }} [options]
 */
export function litStaticProperties({ include = /[\\/]components[\\/].*\.ts$/ } = {}) {
  return {
    name: 'offline-review-lit-static-properties',
    transform(code, id) {
      if (!include.test(id) || !/@(property|state)\(/.test(code)) return null;
      return decoratorsToStaticProperties(code, id);
    },
  };
}
