import { findChromium } from './chromium.js'
import { NGINX_MISSING, nginxBinary } from './nginx.js'

/**
 * Runs before the suite (`npm test`): what the machine must have, checked in a second with one line
 * of advice instead of a stack trace per test file.
 */
const browser = findChromium()
if ('error' in browser) {
  console.error(`hubwork tests: ${browser.error}`)
  process.exit(1)
}
// The fault test runs three server processes behind a real load balancer.
if (!nginxBinary()) {
  console.error(`hubwork tests: ${NGINX_MISSING}`)
  process.exit(1)
}
