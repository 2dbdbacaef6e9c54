// How the commands in this folder find their code: the built module (dist/, made by
// `npm run build`) where it exists; in a source checkout without a build, the TypeScript source
// through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);

/**
 * Imports the package module at `path` (from the package root, without extension): resolves
 * `dist/<path>.js` when it is built, else `<path>.ts` run through tsx.
 * @param {string} path
 */
export async function loadEntry(path) {
  const built = new URL(`dist/${path}.js`, root);
  if (existsSync(fileURLToPath(built))) return import(built.href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(fileURLToPath(new URL(`${path}.ts`, root))).href);
}
