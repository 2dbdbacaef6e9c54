// docs/components.md and the package's "customElements" manifest must describe the classes as
// they are: regenerate both from the sources into a temporary folder and compare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script without type declarations
import { componentsMarkdown } from '../../scripts/docs-components.mjs';

interface Manifest {
  modules: Array<{ path: string; declarations?: Array<Record<string, unknown>> }>;
}

function analyze(): Manifest {
  // The analyzer joins outdir to the working directory: use a git-ignored folder of the repo.
  mkdirSync('.wtr-tmp', { recursive: true });
  const outdir = mkdtempSync(join('.wtr-tmp', 'cem-'));
  try {
    const bin = join('node_modules', '.bin', 'custom-elements-manifest');
    const result = spawnSync(bin, ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

test('docs/components.md is what the manifest generates (run npm run build after changing the JSDoc)', () => {
  const manifest = analyze();
  assert.equal(componentsMarkdown(manifest), readFileSync('docs/components.md', 'utf8'));
  // The analyzer's module order follows its file search, which differs from run to run on a
  // busy machine (a clean-clone run listed the tags in another order): the page does not.
  assert.equal(componentsMarkdown({ ...manifest, modules: [...manifest.modules].reverse() }), readFileSync('docs/components.md', 'utf8'));
});

test('docs/components.md lists every label key with its English default', async () => {
  const { defaultReviewSessionLabels } = await import('../../components/review-session/review-session-label-sets.js');
  const { defaultSyncIndicatorLabels } = await import('../../components/sync-indicator/sync-indicator-labels.js');
  const { defaultReviewStatsLabels } = await import('../../components/review-stats/review-stats-labels.js');
  const doc = readFileSync('docs/components.md', 'utf8');
  for (const [key, text] of [
    ...Object.entries(defaultReviewSessionLabels),
    ...Object.entries(defaultSyncIndicatorLabels),
    ...Object.entries(defaultReviewStatsLabels),
  ]) {
    // Plural forms ({ one, other }) are documented as "one: …; other: …".
    const shown = typeof text === 'string' ? text : Object.entries(text as Record<string, string>).map(([category, form]) => `${category}: ${form}`).join('; ');
    assert.ok(doc.includes(`| \`${key}\` | ${shown.replace(/\|/g, '\\|')} |`), `label ${key}`);
  }
});

test('the manifest names both tags with their attributes, events, parts and custom properties', () => {
  const manifest = analyze();
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d['customElement']);
  const byTag = new Map(elements.map((d) => [d['tagName'], d]));
  const session = byTag.get('review-session') as Record<string, Array<{ name: string }>>;
  const indicator = byTag.get('sync-indicator') as Record<string, Array<{ name: string }>>;
  assert.ok(session && indicator, 'both tags are in the manifest');
  const names = (list: Array<{ name: string }> | undefined): string[] => (list ?? []).map((x) => x.name);
  assert.deepEqual(names(session['attributes']), [
    'deck', 'user', 'api-base', 'db-name', 'mode', 'schedule', 'desired-retention', 'maximum-interval', 'learning-steps',
    'relearning-steps', 'fuzz', 'new-per-day', 'max-reviews', 'learn-ahead', 'day-start-hour', 'time-zone', 'src', 'sw', 'keyboard',
  ]);
  assert.deepEqual(names(session['events']), ['review-answer', 'review-complete', 'review-error', 'review-ready']);
  assert.ok(names(session['cssParts']).includes('reveal-button'));
  assert.ok(names(session['cssProperties']).includes('--review-session-accent'));
  assert.deepEqual(names(indicator['attributes']), ['user', 'api-base', 'db-name', 'compact', 'sign-in-url', 'state', 'pending']);
  assert.ok(names(indicator['cssParts']).includes('retry-button'));
  const stats = byTag.get('review-stats') as Record<string, Array<{ name: string }>>;
  assert.deepEqual(names(stats['attributes']), [
    'user', 'api-base', 'db-name', 'desired-retention', 'maximum-interval', 'learning-steps', 'relearning-steps', 'fuzz',
    'day-start-hour', 'time-zone', 'weeks', 'retention-days', 'forecast-days', 'view',
  ]);
  assert.deepEqual(names(stats['events']), ['review-stats-change']);
  assert.ok(names(stats['cssParts']).includes('heatmap-chart'));
  assert.ok(names(stats['cssProperties']).includes('--review-stats-level-4'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { customElements: string };
  assert.equal(pkg.customElements, 'custom-elements.json');
});
