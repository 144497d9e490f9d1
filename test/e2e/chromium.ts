/** Debian's Chromium for the e2e tests; installed on demand when running as root (CI images). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    // Takes a minute or two on a fresh Debian image; output goes to the test log.
    execFileSync('sh', ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium'], { stdio: 'inherit' });
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(
    `Chromium not found at ${CHROMIUM}. The UI e2e test drives a real browser: install it with ` +
      '`sudo apt-get install -y chromium` (Debian/Ubuntu), or run the tests as root to install it automatically.',
  );
}
