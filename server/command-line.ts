/**
 * What the package's commands share: reading their arguments, or answering with their usage.
 */

/** The parsed configuration, or the exit code when the command answered with its usage. */
export type ParsedCommandLine<Config> = { config: Config } | { exit: 0 | 2 };

/**
 * Runs `parse` over a command's arguments. Resolves `{config}`; for `--help` (`parse` gives
 * 'help'), writes `usage` and resolves exit code 0; when `parse` throws (bad usage), writes its
 * message and `usage` and resolves exit code 2. Never throws.
 */
export function parseCommandLine<Config>(parse: () => Config | 'help', usage: string, out: (line: string) => void): ParsedCommandLine<Config> {
  let config: Config | 'help';
  try {
    config = parse();
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return { exit: 2 };
  }
  if (config === 'help') {
    out(usage);
    return { exit: 0 };
  }
  return { config };
}
