/** jsonb arrives parsed from both drivers; a string only if a driver was set up otherwise. */
export function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
