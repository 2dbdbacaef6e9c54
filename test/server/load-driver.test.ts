// The database drivers are optional peer dependencies: without one, the server says which
// package to install. Checked with real failing imports: a specifier that does not exist, and
// the server's own sources run from a folder whose node_modules lacks both drivers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { isOfflineReviewError } from '../../src/errors.js';
import { loadDriver } from '../../server/load-driver.js';

const DRIVERS = ['@electric-sql/pglite', 'pg'];

describe('loadDriver', () => {
  it('names the package to install when the module does not exist', async () => {
    const error = await loadDriver('@electric-sql/pglite', 'offline-review-no-such-driver').then(
      () => assert.fail('resolved'),
      (e: unknown) => e,
    );
    assert.ok(isOfflineReviewError(error, 'storage-unavailable'));
    assert.deepEqual(error.details, { missingPackage: '@electric-sql/pglite' });
    assert.match(error.message, /npm install @electric-sql\/pglite/);
    assert.equal((error.cause as { code?: string }).code, 'ERR_MODULE_NOT_FOUND');
  });

  it('reports a driver that is there but cannot load as it is, not as a missing driver', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'load-driver-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    // Installed, but one of its own dependencies is not: a broken install, not a missing driver.
    const broken = join(dir, 'broken-driver.mjs');
    writeFileSync(broken, "import 'offline-review-no-such-dependency';\n");
    const error = await loadDriver('pg', pathToFileURL(broken).href).then(() => assert.fail('resolved'), (e: unknown) => e);
    assert.ok(!isOfflineReviewError(error));
    assert.match(String(error), /offline-review-no-such-dependency/);

    const throwing = join(dir, 'throwing-driver.mjs');
    writeFileSync(throwing, "throw new Error('driver start-up failed');\n");
    await assert.rejects(loadDriver('pg', pathToFileURL(throwing).href), /driver start-up failed/);
  });

  it('loads the installed drivers', async () => {
    const { PGlite } = await loadDriver<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
    assert.equal(typeof PGlite, 'function');
    const { default: pg } = await loadDriver<typeof import('pg')>('pg');
    assert.equal(typeof pg.Pool, 'function');
  });
});

describe('the server without its drivers', () => {
  it('createPGliteStore and createPgStore reject naming the package to install', (t) => {
    // The server's sources beside a node_modules that has every package but the two drivers,
    // as in a site that installed the package for its tags only.
    const dir = mkdtempSync(join(tmpdir(), 'no-drivers-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    for (const folder of ['server', 'src']) cpSync(resolve(folder), join(dir, folder), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const modules = resolve('node_modules');
    mkdirSync(join(dir, 'node_modules/@electric-sql'), { recursive: true });
    for (const name of readdirSync(modules)) {
      if (name === '@electric-sql' || DRIVERS.includes(name)) continue;
      symlinkSync(join(modules, name), join(dir, 'node_modules', name));
    }
    for (const name of readdirSync(join(modules, '@electric-sql'))) {
      if (!DRIVERS.includes(`@electric-sql/${name}`)) symlinkSync(join(modules, '@electric-sql', name), join(dir, 'node_modules/@electric-sql', name));
    }
    const script = `
      import { createPGliteStore, createPgStore } from './server/index.ts';
      const report = (e) => ({ code: e.code, message: e.message, missing: e.cause?.details?.missingPackage });
      const out = [];
      for (const open of [() => createPGliteStore(), () => createPgStore('postgres://127.0.0.1:9/none')]) {
        out.push(await open().then(() => 'opened', report));
      }
      console.log(JSON.stringify(out));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const [pglite, pg] = JSON.parse(child.stdout) as { code: string; message: string; missing: string }[];
    assert.equal(pglite!.code, 'storage-unavailable');
    assert.equal(pglite!.missing, '@electric-sql/pglite');
    assert.match(pglite!.message, /npm install @electric-sql\/pglite/);
    assert.equal(pg!.code, 'storage-unavailable');
    assert.equal(pg!.missing, 'pg');
    assert.match(pg!.message, /npm install pg\b/);
  });
});
