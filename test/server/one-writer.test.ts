// One writer per PGlite data directory, proved with real processes: a second process refuses
// to start while the first lives (its error names the directory and the pid), a lock left by a
// killed process is taken over (and what it acknowledged is still there), the same process
// cannot open a directory twice, and close() frees the lock.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { createPGliteStore } from '../../server/index.js';
import { isOfflineReviewError } from '../../src/errors.js';
import { Api } from './support.js';

const fixture = join(import.meta.dirname, 'fixtures', 'hold-data-dir.ts');

function startHolder(dataDir: string, user = ''): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, user], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves the first stdout line; rejects with stderr if the process exits first. */
async function readyLine(child: ChildProcess): Promise<string> {
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

/** Resolves the exit code and stderr of a process that is expected to stop by itself. */
async function outcome(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  // Had it started, it would close its store and exit 0 at the end of its input.
  child.stdin!.end();
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('one writer per PGlite data directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'offline-review-lock-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second process while the first lives, and takes over the lock of a killed one', async () => {
    const dataDir = join(root, 'pglite');
    const first = startHolder(dataDir, 'acknowledged');
    assert.equal(await readyLine(first), `ready ${first.pid}`);
    try {
      // Another real process on the same directory refuses to start, naming the holder.
      const second = await outcome(startHolder(dataDir));
      assert.equal(second.code, 3, second.stderr);
      assert.match(second.stderr, new RegExp(`${dataDir.replace(/[/\\]/g, '.')} is in use by process ${first.pid}`));
      // So does this process.
      await assert.rejects(createPGliteStore({ dataDir }), (error) => {
        assert.ok(isOfflineReviewError(error, 'storage-unavailable'));
        assert.equal(error.details.pid, first.pid);
        assert.match(error.message, new RegExp(`process ${first.pid}`));
        return true;
      });
    } finally {
      first.kill('SIGKILL');
      await once(first, 'exit');
    }
    // kill -9 left its lock behind: its process is gone, so the lock is stale and taken over.
    assert.ok(existsSync(`${dataDir}.lock`), 'the killed process left its lock file');
    const store = await createPGliteStore({ dataDir });
    try {
      const answers = (await new Api(store).pullAll('acknowledged')).answers;
      assert.equal(answers.length, 1, 'what the killed process acknowledged is still there');
      await assert.rejects(createPGliteStore({ dataDir }), /already open in this process/);
    } finally {
      await store.close();
    }
    assert.ok(!existsSync(`${dataDir}.lock`), 'close() frees the lock');
  });

  it('takes over a lock file that names no live process, or that cannot be read', async () => {
    for (const [name, content] of [
      ['garbage', 'not json'],
      ['dead', JSON.stringify({ pid: 2 ** 22 + 12345, host: 'elsewhere' })],
      ['own-pid', JSON.stringify({ pid: process.pid })],
    ] as const) {
      const dataDir = join(root, name);
      writeFileSync(`${dataDir}.lock`, content);
      const store = await createPGliteStore({ dataDir });
      await store.close();
      assert.ok(!existsSync(`${dataDir}.lock`), name);
    }
  });
});
