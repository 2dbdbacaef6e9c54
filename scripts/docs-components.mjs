// Writes docs/components.md from custom-elements.json, so the component API page is the
// classes' JSDoc and cannot drift from it. Run by scripts/build.mjs after the analyzer;
// `node scripts/docs-components.mjs [manifest] [out]` runs it by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Escapes a table cell: pipes and line breaks would break the Markdown table. */
function cell(text) {
  return String(text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim() || '—';
}

function code(text) {
  return text ? `\`${String(text).replace(/`/g, "'")}\`` : '—';
}

function table(headings, rows) {
  if (rows.length === 0) return '';
  return [
    `| ${headings.join(' | ')} |`,
    `| ${headings.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}

function section(title, body) {
  return body ? `### ${title}\n\n${body}\n` : '';
}

/**
 * An object literal's text with each `...name` replaced by the text of the variable `name`
 * declares (a set made of a card's words and later ones: review-session-label-sets.ts).
 */
function withSpreads(manifest, text) {
  return text.replace(/\.\.\.(\w+)/g, (spread, name) => {
    for (const module of manifest.modules ?? []) {
      const variable = (module.declarations ?? []).find((d) => d.kind === 'variable' && d.name === name);
      if (variable?.default) return withSpreads(manifest, variable.default);
    }
    return spread;
  });
}

/**
 * The `labels` table of an element: the keys and English defaults of the exported
 * `default<Name>Labels` object (ReviewSessionElement → defaultReviewSessionLabels).
 */
function labelsDoc(manifest, declaration) {
  const name = `default${declaration.name.replace(/Element$/, '')}Labels`;
  for (const module of manifest.modules ?? []) {
    const variable = (module.declarations ?? []).find((d) => d.kind === 'variable' && d.name === name);
    if (!variable?.default) continue;
    const text = withSpreads(manifest, variable.default);
    // A key holds a text, or plural forms ({ one: '…', other: '…' }) shown as "one: …; other: …".
    const rows = [...text.matchAll(/(\w+):\s*(?:'((?:[^'\\]|\\.)*)'|\{((?:'(?:[^'\\]|\\.)*'|[^'}])*)\})/g)].map(([, key, text, forms]) => [
      code(key),
      text ?? [...forms.matchAll(/(\w+):\s*'((?:[^'\\]|\\.)*)'/g)].map(([, category, form]) => `${category}: ${form}`).join('; '),
    ]);
    const intro =
      `Set \`labels\` to an object with any of these keys; \`{name}\` placeholders are filled in, and a key with plural forms ` +
      `takes \`{ one, other, … }\` (chosen by \`Intl.PluralRules\`). The element's \`lang\` picks the built-in set (English, ` +
      `Japanese); see the [integration guide](integration.md#8-labels-and-other-languages). Defaults: \`${name}\`.\n\n`;
    return intro + table(['Key', 'English default'], rows);
  }
  return '';
}

/** The Markdown for one custom element declaration. */
function elementDoc(manifest, modulePath, declaration) {
  const fields = (declaration.members ?? []).filter(
    // A field declared in `static properties` (no decorator) comes marked public.
    (member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public' && !member.name.startsWith('_'),
  );
  const methods = (declaration.members ?? []).filter(
    (member) => member.kind === 'method' && !member.static && member.privacy === undefined,
  );
  const properties = table(
    ['Attribute', 'Property', 'Type', 'Default', 'Description'],
    fields.map((field) => [
      field.attribute ? code(field.attribute) : '—',
      code(field.name),
      code(field.type?.text),
      field.default === undefined ? '—' : code(field.default),
      `${field.description ?? ''}${field.reflects ? ' Reflected.' : ''}${field.readonly ? ' Read-only.' : ''}`,
    ]),
  );
  const parts = [
    `## \`<${declaration.tagName}>\``,
    '',
    declaration.summary ? `**${declaration.summary}**\n` : '',
    declaration.description ? `${declaration.description}\n` : '',
    `Class: \`${declaration.name}\` (\`${modulePath}\`), exported from the package root; from the CDN file, \`await loadElement('${declaration.tagName}')\` resolves it.\n`,
    section('Attributes and properties', properties),
    section('Methods', table(['Method', 'Description'], methods.map((m) => [code(`${m.name}()`), m.description]))),
    section(
      'Events',
      table(
        ['Event', 'Type', 'Description'],
        (declaration.events ?? []).map((event) => [code(event.name), code(event.type?.text), event.description]),
      ),
    ),
    section(
      'Slots',
      table(['Slot', 'Description'], (declaration.slots ?? []).map((slot) => [slot.name ? code(slot.name) : '(default)', slot.description])),
    ),
    section(
      'CSS parts',
      table(['Part', 'Description'], (declaration.cssParts ?? []).map((part) => [code(part.name), part.description])),
    ),
    section(
      'CSS custom properties',
      table(['Property', 'Description'], (declaration.cssProperties ?? []).map((p) => [code(p.name), p.description])),
    ),
    section('Labels', labelsDoc(manifest, declaration)),
  ];
  return parts.filter(Boolean).join('\n');
}

/** The whole page for a manifest object. */
export function componentsMarkdown(manifest) {
  const found = [];
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) found.push({ tagName: declaration.tagName, module, declaration });
    }
  }
  // By tag name: the analyzer lists modules in the order its file search finished reading
  // folders, which differs from run to run on a busy machine.
  found.sort((a, b) => a.tagName.localeCompare(b.tagName));
  const elements = found.map(({ module, declaration }) => elementDoc(manifest, module.path, declaration));
  return [
    '# Component API',
    '',
    '<!-- Generated from custom-elements.json by scripts/docs-components.mjs (npm run build). Do not edit by hand: edit the JSDoc of the classes in components/. -->',
    '',
    'How to add the tags to a page, theme them and listen to their events: [integration guide](integration.md).',
    '',
    ...elements,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [manifestPath = 'custom-elements.json', outPath = 'docs/components.md'] = process.argv.slice(2);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(outPath, componentsMarkdown(manifest));
}
