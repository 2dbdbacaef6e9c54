// Makes sure a browser is there before browser tests run. On Debian as root it installs
// Debian's chromium; anywhere else it stops with one line saying how to get one.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChrome } from './find-chrome.mjs';

export function ensureChrome() {
  const found = findChrome();
  if (found) return found;
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isDebian && isRoot) {
    console.log('No Chrome/Chromium found: installing Debian\'s chromium (apt-get install chromium)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
    const installed = findChrome();
    if (installed) return installed;
  }
  console.error(
    'No Chrome or Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to its executable.',
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Using browser: ${ensureChrome()}`);
}
