/**
 * The public API surface of the package: every name each public entry exports, with its kind,
 * read by the TypeScript compiler from the sources. `node --import tsx scripts/api-surface.ts`
 * prints it; with `--write` it rewrites docs/api-surface.txt, which
 * test/node/api-surface.test.ts compares with the sources, so a change to the surface shows up
 * in review as a change to that file.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The package's entries with types (package.json `exports`), by export path. */
export const ENTRIES: ReadonlyArray<readonly [string, string]> = [
  ['offline-review', 'index.ts'],
  ['offline-review/core', 'src/index.ts'],
  ['offline-review/define', 'components/define.ts'],
  ['offline-review/cdn', 'components/cdn.ts'],
  ['offline-review/sw/register', 'sw/register.ts'],
  ['offline-review/server', 'server/index.ts'],
];

/** The file that holds the listing. */
export const SURFACE_FILE = join(root, 'docs/api-surface.txt');

function kindOf(symbol: ts.Symbol): string {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) return 'class';
  if (flags & ts.SymbolFlags.Function) return 'function';
  if (flags & ts.SymbolFlags.Enum) return 'enum';
  // A const object and the type of its values share a name (`ErrorCode`): both are listed.
  if (flags & ts.SymbolFlags.Variable) return flags & ts.SymbolFlags.TypeAlias ? 'const + type' : 'const';
  if (flags & ts.SymbolFlags.Interface) return 'interface';
  if (flags & ts.SymbolFlags.TypeAlias) return 'type';
  return 'other';
}

/** The surface as lines `<entry> <name> (<kind>)`, sorted within each entry. */
export function apiSurface(): string {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram(
    ENTRIES.map(([, file]) => join(root, file)),
    { ...parsed.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const lines: string[] = [];
  for (const [entry, file] of ENTRIES) {
    const source = program.getSourceFile(join(root, file));
    const module = source && checker.getSymbolAtLocation(source);
    const exports = module ? checker.getExportsOfModule(module) : [];
    const names = exports.map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return `${entry} ${symbol.getName()} (${kindOf(target)})`;
    });
    lines.push(`# ${entry} (${file}): ${names.length} names`, ...names.sort(), '');
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const surface = apiSurface();
  if (process.argv.includes('--write')) writeFileSync(SURFACE_FILE, surface);
  else process.stdout.write(surface);
}
