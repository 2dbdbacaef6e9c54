// custom-elements.json from the element classes' JSDoc (@summary @slot @event @csspart
// @cssproperty), made by `custom-elements-manifest analyze --config custom-elements-manifest.config.mjs`
// in scripts/build.mjs; docs/components.md is generated from it (scripts/docs-components.mjs).

/** Events the analyzer finds in `dispatchEvent(new SomeEvent())` without a name: the JSDoc names them. */
const dropUnnamedEvents = {
  name: 'offline-review-drop-unnamed-events',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
      }
    }
  },
};

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/cdn.ts', 'components/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // package.json already names custom-elements.json; the analyzer would rewrite it for any other outdir.
  packagejson: false,
  dependencies: false,
  dev: false,
  plugins: [dropUnnamedEvents],
};
