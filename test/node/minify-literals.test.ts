// The CDN build's template minifier (scripts/minify-literals.mjs): what it may drop, what it must
// keep, and that its source map still points at the right lines. The rendered result is checked
// by the component tests run through test/components/cdn-transforms.config.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain .mjs script without type declarations
import { minifyCssParts, minifyHtmlParts, minifyLiterals, minifyTemplateLiterals } from '../../scripts/minify-literals.mjs';

const html = (parts: string[]): string[] => minifyHtmlParts(parts) as string[];

test('html: line-broken whitespace becomes one space, or none next to a block tag or before >', () => {
  assert.deepEqual(html(['<div part="a">\n  <span>x</span>\n  <span\n    title="t"\n  >y</span\n  >\n</div>']), [
    '<div part="a"><span>x</span> <span title="t">y</span></div>',
  ]);
});

test('html: whitespace without a line break, attribute values and raw text stay as written', () => {
  const input = [
    '<p title="a\n   b">',
    ' <kbd>1</kbd><pre>\n  x\n  y\n</pre><textarea>\n a\n</textarea>\n<style>\n a{}\n</style>\n</p>',
  ];
  assert.deepEqual(html(input), [
    '<p title="a\n   b">',
    ' <kbd>1</kbd><pre>\n  x\n  y\n</pre><textarea>\n a\n</textarea> <style>\n a{}\n</style></p>',
  ]);
});

test('html: state carries over interpolations (attribute, tag and text positions)', () => {
  assert.deepEqual(html(['<b class="x ', ' y">\n  ', '\n  <i\n    a=', '\n  >', '</i></b>']), [
    '<b class="x ',
    ' y"> ',
    ' <i a=',
    '>',
    '</i></b>',
  ]);
  // `a=b />`: the space keeps "/" out of the unquoted value; after a quote it may go.
  assert.deepEqual(html(['<input a=b\n  /><input a="b"\n  />']), ['<input a=b /><input a="b"/>']);
});

test('css: minified, with interpolations put back in order', async () => {
  assert.deepEqual(await minifyCssParts(['\n  :host {\n    color: ', ';\n    /* why */\n    margin: 0px;\n    --a-b: 1px  2px;\n  }\n']), [
    ':host{color:',
    ';margin:0;--a-b:1px 2px}',
  ]);
});

test('css: left as written when a placeholder would not survive or the text has escapes', async () => {
  assert.equal(await minifyCssParts(['\n  ', '\n  a { color: red; }\n']), null, 'an interpolated rule block');
  assert.equal(await minifyCssParts(['\n  a, ', ' { color: red; }\n']), null, 'an interpolated selector');
  assert.equal(await minifyCssParts(['a::before { content: "\\2014"; }']), null);
});

test('only css`…` and html`…` tagged templates change, and the source map points at the source lines', async () => {
  const code = [
    "const s = 'css`  a  { b: c }`';",
    'const t = other`\n  keep   this\n`;',
    'const c = css`\n  a {\n    color: red;\n  }\n`;',
    'const h = html`<div>\n  <span>x</span>\n</div>`;',
    'export const last = 1;',
  ].join('\n');
  const result = await minifyLiterals(code, 'x.ts');
  assert.equal(
    result.code,
    [
      "const s = 'css`  a  { b: c }`';",
      'const t = other`\n  keep   this\n`;',
      'const c = css`a{color:red}`;',
      'const h = html`<div><span>x</span></div>`;',
      'export const last = 1;',
    ].join('\n'),
  );
  // Each output line's first segment: [column, source, line, column] (0-based lines).
  const firsts = result.map.mappings.map((line: number[][]) => line[0]);
  assert.deepEqual(firsts[6], [0, 0, 12, 0], '`export const last` comes from source line 13');
  assert.equal(await minifyLiterals('const x = other`a`;', 'x.ts'), null);
});

test('the plugin skips files outside components/', async () => {
  const plugin = minifyTemplateLiterals();
  const code = 'const c = css`\n  a { color: red; }\n`;';
  assert.equal(await plugin.transform(code, '/x/src/a.ts'), null);
  assert.equal((await plugin.transform(code, '/x/components/a.ts')).code, 'const c = css`a{color:red}`;');
});
