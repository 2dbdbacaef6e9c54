// The size bench builds what it measures with esbuild, some of it with project modules stubbed
// out (the worker without its drain, the core without the scheduler). A stub that lacks an
// export the code now imports fails that build, and the bench then reports "not measured"
// instead of a size: this builds them all, so such a change is red here, not silent there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureSizes } from '../../bench/sizes.js';

test('every size the bench measures builds, stubbed ones included', async () => {
  const sizes = await measureSizes();
  for (const [name, bytes] of Object.entries(sizes)) {
    // The built CDN file and worker are read from dist/, which a run without a build lacks.
    if ((name === 'cdn' || name === 'sw') && bytes === null) continue;
    assert.ok(typeof bytes === 'number' && bytes > 0, `${name}: ${String(bytes)}`);
  }
  assert.ok(sizes.workerWithoutDrain < sizes.workerEsbuild, 'the worker without its drain is smaller than the whole worker');
  assert.ok(sizes.coreWithoutScheduler < sizes.core, 'the core without the scheduler is smaller than the core');
});
