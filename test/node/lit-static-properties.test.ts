// The CDN build's rewrite of lit's field decorators into `static properties`
// (scripts/lit-static-properties.mjs). The component tests run against it through
// test/components/cdn-transforms.config.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain .mjs script without type declarations
import { decoratorsToStaticProperties, litStaticProperties } from '../../scripts/lit-static-properties.mjs';

const rewrite = (code: string): string | null => decoratorsToStaticProperties(code, 'x.ts')?.code ?? null;

test('@property(options) and @state() become one static properties block; fields keep their defaults', () => {
  const code = [
    'class A extends LitElement {',
    "  @property() user = '';",
    "  @property({ attribute: 'api-base' }) apiBase = '/api';",
    '  @state() private open = false;',
    '  plain = 1;',
    '}',
  ].join('\n');
  assert.equal(
    rewrite(code),
    [
      "class A extends LitElement { static override properties = { user: {}, apiBase: { attribute: 'api-base' }, open: { state: true } };",
      "   user = '';",
      "   apiBase = '/api';",
      '   private open = false;',
      '  plain = 1;',
      '}',
    ].join('\n'),
  );
});

test('classes it cannot rewrite exactly are left as written', () => {
  assert.equal(rewrite('class A { @other() x = 1; }'), null, 'another decorator');
  assert.equal(rewrite('class A { @state({ hasChanged }) x = 1; }'), null, '@state with options');
  assert.equal(rewrite('class A { @property() @other() x = 1; }'), null, 'two decorators');
  assert.equal(rewrite('class A { static properties = {}; @property() x = 1; }'), null, 'static properties already');
  assert.equal(rewrite('class A { x = 1; }'), null, 'no decorators');
});

test('the source map keeps the lines after a rewritten class', () => {
  const result = decoratorsToStaticProperties('class A {\n  @property() x = 1;\n}\nconst after = 2;', 'x.ts');
  assert.deepEqual(result.map.mappings[3][0], [0, 0, 3, 0]);
});

test('the plugin rewrites components/ only', () => {
  const plugin = litStaticProperties();
  const code = 'class A { @property() x = 1; }';
  assert.equal(plugin.transform(code, '/x/src/a.ts'), null);
  assert.match(plugin.transform(code, '/x/components/a.ts').code, /static override properties = \{ x: \{\} \}/);
});
