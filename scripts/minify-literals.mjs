// Rollup plugin for the CDN build (rollup.config.mjs): minifies the text inside lit's css`…`
// and html`…` tagged templates of our own TypeScript sources, before esbuild compiles and
// minifies the code around them. esbuild keeps template literals as written, indentation,
// comments and all (this took the CDN file from 35,056 to 34,621 B gzip when it was written).
//
// css`…`: esbuild's own CSS minifier. `${…}` interpolations become placeholders that must come
// back exactly once each, in order; a template that contains escapes, or whose placeholders do
// not survive (an interpolated rule block, say), is left as written.
//
// html`…`: only whitespace that the browser would not render, outside attribute values and
// outside <pre>, <textarea>, <script> and <style>. A run of whitespace that holds a line break
// becomes one space, and goes away altogether next to the tag of a block element (where a
// browser drops it anyway) or before the `>` that closes a tag. Runs without a line break are
// kept: they were written on purpose (`${label} <kbd>`).
//
// Templates are found with the TypeScript parser (tags named `css` and `html`), so strings and
// comments that look like templates are never touched. A source map of the edits is returned.
//
// Tests: test/node/minify-literals.test.ts; the component tests run on the transformed
// sources with test/components/cdn-transforms.config.mjs.
import { transform as esbuildTransform } from 'esbuild';
import ts from 'typescript';

/** Elements whose boxes are blocks: whitespace next to their tags is never rendered. */
const BLOCK = new Set(
  'address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p section table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
/** Elements whose text is kept exactly as written. */
const RAW = new Set(['pre', 'textarea', 'script', 'style']);

/** The css`…` and html`…` templates in `code`: their tag and static parts (source offsets, raw text). */
export function findTemplates(code, fileName = 'file.ts') {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'css' || node.tag.text === 'html')) {
      const template = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      // Each literal's text sits between its opening (` or }) and closing (` or ${) delimiters.
      const parts = literals.map((literal) => {
        const start = literal.getStart(source) + 1;
        const end = literal.end - (ts.isTemplateHead(literal) || ts.isTemplateMiddle(literal) ? 2 : 1);
        return { start, end, text: code.slice(start, end) };
      });
      found.push({ tag: node.tag.text, parts });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Minifies the whitespace of one html`…` template given as its static parts (the text between
 * `${…}`s); resolves the new parts. The HTML state (text, inside a tag, inside a quoted attribute
 * value, raw text) carries over an interpolation, as it does in lit's own parser.
 */
export function minifyHtmlParts(parts) {
  let state = 'text';
  let quote = '';
  let rawEnd = '';
  // The last tag seen in text (name and whether it was block), for whitespace after it.
  let lastTag = null;
  return parts.map((part) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const ch = part[i];
      if (state === 'raw') {
        const close = part.toLowerCase().indexOf(rawEnd, i);
        const stop = close === -1 ? part.length : close;
        out += part.slice(i, stop);
        i = stop;
        if (close !== -1) state = 'text';
        continue;
      }
      if (state === 'quoted') {
        out += ch;
        i += 1;
        if (ch === quote) state = 'tag';
        continue;
      }
      if (state === 'comment') {
        const close = part.indexOf('-->', i);
        const stop = close === -1 ? part.length : close + 3;
        out += part.slice(i, stop);
        i = stop;
        if (close !== -1) state = 'text';
        continue;
      }
      if (/\s/.test(ch)) {
        let j = i;
        while (j < part.length && /\s/.test(part[j])) j += 1;
        const run = part.slice(i, j);
        out += state === 'tag' ? tagWhitespace(run, part, j, out) : textWhitespace(run, part, i, j, lastTag);
        i = j;
        continue;
      }
      if (state === 'tag') {
        out += ch;
        i += 1;
        if (ch === '"' || ch === "'") {
          state = 'quoted';
          quote = ch;
        } else if (ch === '>') {
          state = lastTag && RAW.has(lastTag.name) && !lastTag.closing ? 'raw' : 'text';
          if (state === 'raw') rawEnd = `</${lastTag.name}`;
        }
        continue;
      }
      // Text.
      if (part.startsWith('<!--', i)) {
        state = 'comment';
        out += '<!--';
        i += 4;
        continue;
      }
      const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(part.slice(i));
      if (tag) {
        state = 'tag';
        lastTag = { name: tag[2].toLowerCase(), closing: tag[1] === '/' };
        out += tag[0];
        i += tag[0].length;
        continue;
      }
      lastTag = null;
      out += ch;
      i += 1;
    }
    // An interpolation is not a tag: whitespace after it does not touch a block's tag.
    if (state === 'text') lastTag = null;
    return out;
  });
}

/** Whitespace between attributes: one space, none before the `>` that ends the tag. */
function tagWhitespace(run, part, next, out) {
  if (!/[\n\r]/.test(run)) return run;
  if (part[next] === '>') return '';
  // `a=b />` must keep its space (`b/` would become the value); after a quote it may go.
  if (part.startsWith('/>', next) && /["']$/.test(out)) return '';
  return ' ';
}

/** Whitespace in text: kept without a line break; otherwise one space, or none next to a block's tag. */
function textWhitespace(run, part, start, end, lastTag) {
  if (!/[\n\r]/.test(run)) return run;
  const after = /^<\/?([a-zA-Z][\w-]*)/.exec(part.slice(end));
  const blockAfter = after !== null && BLOCK.has(after[1].toLowerCase());
  const blockBefore = start > 0 && part[start - 1] === '>' && lastTag !== null && BLOCK.has(lastTag.name);
  // Elsewhere (between inline elements, next to an interpolation, at either end of the
  // template) a space may be rendered: keep one.
  return blockAfter || blockBefore ? '' : ' ';
}

/**
 * Minifies one css`…` template given as its static parts; resolves the new parts, or null when
 * the template is left as written.
 */
export async function minifyCssParts(parts) {
  if (parts.some((part) => /[\\`]/.test(part))) return null;
  const marker = (index) => `__lit_css_${index}__`;
  const joined = parts.map((part, index) => (index === 0 ? part : marker(index - 1) + part)).join('');
  let result;
  try {
    result = await esbuildTransform(joined, { loader: 'css', minify: true, legalComments: 'none', logLevel: 'silent' });
  } catch {
    return null;
  }
  // esbuild keeps a space after a custom property's colon (`--a: red`); browsers do not need it.
  let css = result.code.trim().replace(/([{;]--[\w-]+): (?=[^\s;}])/g, '$1:');
  if (/[\\`]|\$\{/.test(css)) return null;
  const out = [];
  for (let index = 0; index < parts.length - 1; index += 1) {
    const pieces = css.split(marker(index));
    if (pieces.length !== 2 || !inDeclaration(pieces[0], pieces[1])) return null;
    out.push(pieces[0]);
    css = pieces[1];
  }
  out.push(css);
  return out;
}

/**
 * Whether a placeholder between `before` and `after` sits in a declaration's value, the only
 * place where the minifier cannot have moved rules around it (it merges and reorders rules, so
 * a placeholder in a selector or in place of whole rules could end up elsewhere).
 */
function inDeclaration(before, after) {
  const back = before.search(/[{};][^{};]*$/);
  const forward = after.search(/[{};]/);
  return back !== -1 && before[back] !== '}' && before.slice(back).includes(':') && forward !== -1 && after[forward] !== '{';
}

/**
 * Minifies every css`…` and html`…` template of `code`. Resolves `{ code, map }` (a decoded
 * source map of the edits), or null when nothing changed.
 */
export async function minifyLiterals(code, fileName) {
  const edits = [];
  for (const { tag, parts } of findTemplates(code, fileName)) {
    const texts = parts.map((part) => part.text);
    const minified = tag === 'css' ? await minifyCssParts(texts) : minifyHtmlParts(texts);
    if (!minified) continue;
    parts.forEach((part, index) => {
      if (minified[index] !== part.text) edits.push({ start: part.start, end: part.end, text: minified[index] });
    });
  }
  if (edits.length === 0) return null;
  edits.sort((a, b) => a.start - b.start);
  return applyEdits(code, edits, fileName);
}

/**
 * Applies non-overlapping `edits` (sorted by `start`) to `code`; resolves `{ code, map }`, a
 * decoded source map that maps each kept stretch of the output back to its source.
 */
export function applyEdits(code, edits, fileName) {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i += 1) if (code[i] === '\n') lineStarts.push(i + 1);
  const position = (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return [low, offset - lineStarts[low]];
  };
  const mappings = [[]];
  let out = '';
  let column = 0;
  // Appends `text`, which comes from source offset `from` (kept text) or replaces what starts there.
  const emit = (text, from, kept) => {
    let segmentStart = true;
    for (let i = 0; i < text.length; i += 1) {
      if (segmentStart) {
        const [line, col] = position(kept ? from + i : from);
        mappings[mappings.length - 1].push([column, 0, line, col]);
        segmentStart = false;
      }
      out += text[i];
      column += 1;
      if (text[i] === '\n') {
        mappings.push([]);
        column = 0;
        segmentStart = true;
      }
    }
  };
  let cursor = 0;
  for (const edit of edits) {
    emit(code.slice(cursor, edit.start), cursor, true);
    emit(edit.text, edit.start, false);
    cursor = edit.end;
  }
  emit(code.slice(cursor), cursor, true);
  return { code: out, map: { version: 3, sources: [fileName], sourcesContent: [code], names: [], mappings } };
}

/**
 * The Rollup plugin. `include` selects the modules whose templates are minified (our
 * components; lit's own code has no templates of this kind).
 * @param {{ include?: RegExp }} [options]
 */
export function minifyTemplateLiterals({ include = /[\\/]components[\\/].*\.ts$/ } = {}) {
  return {
    name: 'offline-review-minify-literals',
    async transform(code, id) {
      if (!include.test(id) || !/\b(css|html)`/.test(code)) return null;
      return minifyLiterals(code, id);
    },
  };
}
