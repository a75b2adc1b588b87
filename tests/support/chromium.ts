import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

/** What to do when no browser runs: one line, the exact thing to install. */
export const NO_CHROMIUM =
  'no Chromium found for the end-to-end tests: install it (Debian/Ubuntu: `apt-get install -y chromium`, ' +
  'Fedora: `dnf install -y chromium`, macOS: `brew install --cask chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary'

/** System paths tried after CHROMIUM_PATH, in order; then Playwright's own browser, if installed. */
export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome']

/** True when `file` exists and `file --version` exits 0 within 15 s (an Ubuntu snap stub or a broken install does not). */
export function runs(file: string): boolean {
  if (!existsSync(file)) return false
  try {
    execFileSync(file, ['--version'], { stdio: 'ignore', timeout: 15_000 })
    return true
  } catch {
    return false
  }
}

function playwrightChromium(): string[] {
  try {
    return [chromium.executablePath()]
  } catch {
    return []
  }
}

/**
 * The Chromium the e2e tests launch: `CHROMIUM_PATH` when set (and it must run), else the first
 * of the system paths and Playwright's own browser that runs. `{ error }` is one line for the person.
 */
export function findChromium(
  env: Record<string, string | undefined> = process.env,
  candidates: string[] = [...SYSTEM_CHROMIUMS, ...playwrightChromium()],
): { path: string } | { error: string } {
  if (env.CHROMIUM_PATH) {
    return runs(env.CHROMIUM_PATH) ? { path: env.CHROMIUM_PATH } : { error: `CHROMIUM_PATH=${env.CHROMIUM_PATH} does not run (\`${env.CHROMIUM_PATH} --version\` failed); ${NO_CHROMIUM}` }
  }
  const found = candidates.find(runs)
  return found ? { path: found } : { error: NO_CHROMIUM }
}
