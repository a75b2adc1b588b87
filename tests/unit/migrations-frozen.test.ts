import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { migrations } from '../../migrations/index.js'

/**
 * A landed migration is never edited. Databases out there already ran it, and the migrator never
 * runs a migration twice: an edit would reach fresh installs only, and the two would drift apart
 * silently. A new column, index or constraint comes as a NEW migration file, named after the ones
 * before it (they run in name order).
 *
 * The manifest holds the SHA-256 of every landed migration. Adding a migration means adding its
 * hash there (the failure message prints it); a changed hash means a landed file was edited: undo
 * the edit and write a new migration instead.
 */
const DIR = path.resolve(import.meta.dirname, '..', '..', 'migrations')
const MANIFEST = path.resolve(import.meta.dirname, '..', 'support', 'migration-hashes.json')
/** The registry lists migrations; it grows with each one and is not itself a migration. */
const REGISTRY = 'index.ts'

const manifest: Record<string, string> = JSON.parse(readFileSync(MANIFEST, 'utf8'))
const files = readdirSync(DIR).filter((f) => f !== REGISTRY).sort()
// Line endings are normalized so a checkout with core.autocrlf hashes the same as Linux CI.
const sha256 = (file: string) => createHash('sha256').update(readFileSync(path.join(DIR, file), 'utf8').replaceAll('\r\n', '\n')).digest('hex')

describe('landed migrations are frozen', () => {
  it('every migration file has its hash in the manifest', () => {
    const missing = files.filter((f) => !(f in manifest)).map((f) => `  "${f}": "${sha256(f)}"`)
    expect(missing, `new migrations: add these lines to tests/support/migration-hashes.json\n${missing.join(',\n')}\n`).toEqual([])
  })

  it('no landed migration was removed or renamed', () => {
    const gone = Object.keys(manifest).filter((f) => !files.includes(f))
    expect(gone, 'landed migrations are never removed: databases already ran them').toEqual([])
  })

  it('no landed migration was edited', () => {
    const edited = files.filter((f) => f in manifest && manifest[f] !== sha256(f))
    expect(edited, 'landed migrations were edited: revert the edit and add a new migration for the change').toEqual([])
  })

  it('the registry lists every migration file, by its file name, in name order', () => {
    const names = files.map((f) => f.replace(/\.ts$/, ''))
    expect(Object.keys(migrations)).toEqual(names)
  })

  it('only migration modules live in migrations/', () => {
    expect(files.filter((f) => !/^\d{8}T\d{4}-[a-z0-9-]+\.ts$/.test(f))).toEqual([])
  })
})
