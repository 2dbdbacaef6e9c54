/**
 * Whether a string is a hybrid logical clock value (hlc.ts encodes, decodes and ticks them):
 * apart from the clock so that the record checks, which a first card runs on its items, do
 * not carry the clock, which only storage and sync use.
 */

/** True when `text` is a well-formed HLC string (`WWWWWWWWWWWWWWW:CCCCC:node`, see hlc.ts). */
export function isHlc(text: unknown): text is string {
  return typeof text === 'string' && /^\d{15}:\d{5}:.+$/.test(text);
}
