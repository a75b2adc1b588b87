import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { findChromium, NO_CHROMIUM } from '../../support/chromium.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..')

describe('finding the browser for the e2e tests', () => {
  it('takes the first candidate that runs, skipping missing and broken ones', () => {
    // `node --version` exits 0: it stands in for a working browser; `false` for a broken one.
    expect(findChromium({}, ['/nonexistent/chromium', '/bin/false', process.execPath])).toEqual({ path: process.execPath })
  })

  it('says in one line what to install when none runs', () => {
    const found = findChromium({}, ['/nonexistent/chromium', '/bin/false'])
    expect(found).toEqual({ error: NO_CHROMIUM })
    expect(NO_CHROMIUM).not.toContain('\n')
    expect(NO_CHROMIUM).toContain('apt-get install -y chromium')
    expect(NO_CHROMIUM).toContain('CHROMIUM_PATH')
  })

  it('insists on CHROMIUM_PATH when it is set', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath }, [])).toEqual({ path: process.execPath })
    const found = findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' }, [process.execPath])
    expect('error' in found && found.error).toMatch(/^CHROMIUM_PATH=\/nonexistent\/chrome does not run/)
  })

  it('the preflight of `npm test` stops with that one line and no stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/preflight.ts'], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chrome' },
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^hubwork tests: CHROMIUM_PATH=\/nonexistent\/chrome does not run .*apt-get install -y chromium/)
    // A child node with tsx starts in ~2 s here, more on a busy machine.
  }, 30_000)
})
