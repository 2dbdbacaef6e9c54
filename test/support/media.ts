// The colour scheme and motion preference a test needs. Chromium emulates them per page (CDP);
// Firefox cannot, so its run launches a second Firefox with the dark and reduced-motion
// preferences for the files named `*-dark.test.ts` (web-test-runner.config.mjs). Emulation is
// asked only when the page does not already match, so in that Firefox nothing is emulated and in
// the light one nothing needs to be.
import { emulateMedia } from '@web/test-runner-commands';

export interface MediaPreference {
  colorScheme: 'light' | 'dark';
  reducedMotion: 'reduce' | 'no-preference';
}

/** Whether the page already has these preferences, from the browser's settings or emulation. */
export function mediaMatches({ colorScheme, reducedMotion }: MediaPreference): boolean {
  const scheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const motion = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'reduce' : 'no-preference';
  return scheme === colorScheme && motion === reducedMotion;
}

/** Whether this page's preferences are emulated (and must be undone after the test). */
let emulated = false;

/**
 * Gives the page these preferences: resolves at once when it has them, else emulates them
 * (Chromium). Rejects in an engine that cannot emulate, where the test belongs in a file the
 * config launches with those preferences.
 */
export async function preferMedia(preference: MediaPreference): Promise<void> {
  if (mediaMatches(preference)) return;
  emulated = true;
  await emulateMedia(preference);
  if (!mediaMatches(preference)) throw new Error(`the page did not take ${JSON.stringify(preference)}`);
}

/** Undoes what `preferMedia` emulated, if anything: the browser's own preferences again. */
export async function resetMedia(): Promise<void> {
  if (!emulated) return;
  emulated = false;
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
}
