// The component tests with the CDN build's source transforms applied to components/: lit's
// decorators as `static properties` (scripts/lit-static-properties.mjs), then the css`…` and
// html`…` templates minified (scripts/minify-literals.mjs). The tests import sources, not
// dist/, so this is how they check that the bundle's elements render and behave the same:
//
//   WTR_COVERAGE=0 node --import tsx node_modules/@web/test-runner/dist/bin.js \
//     --config test/components/cdn-transforms.config.mjs --files "test/components/**/*.test.ts"
import base from '../../web-test-runner.config.mjs';
import { minifyLiterals } from '../../scripts/minify-literals.mjs';
import { decoratorsToStaticProperties } from '../../scripts/lit-static-properties.mjs';

/** Runs before the esbuild plugin, on the TypeScript source, as the Rollup plugins do. */
const cdnTransforms = {
  name: 'offline-review-cdn-transforms',
  async transform(context) {
    if (!/^\/components\/.*\.ts$/.test(context.path)) return undefined;
    const withProperties = decoratorsToStaticProperties(context.body, context.path)?.code ?? context.body;
    const minified = (await minifyLiterals(withProperties, context.path))?.code ?? withProperties;
    return minified === context.body ? undefined : { body: minified };
  },
};

export default { ...base, plugins: [cdnTransforms, ...base.plugins] };
