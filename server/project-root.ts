import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * The checkout's root: the nearest folder above this module holding `package.json`. The same
 * whether the server runs from its sources (`server/`, tsx) or compiled (`dist-server/`), so files
 * read at run time (the built client, seeds, the taxonomy) are found from either.
 */
export const PROJECT_ROOT = findRoot(import.meta.dirname)

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`no package.json in ${from} or above`)
  }
}
