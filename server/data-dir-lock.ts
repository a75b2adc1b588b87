import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'

/** Raised when another live process holds the data directory. */
export class DataDirLockedError extends Error {}

/**
 * Takes the data directory for this process. Two processes on one PGlite directory silently lose
 * writes, so a second one must refuse to start. The lock file holds the owner's pid; a
 * lock whose pid is gone (a crash, kill -9) is taken over.
 * @returns a function that releases the lock
 * @throws DataDirLockedError naming the lock file and the owner's pid
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lockFile = path.resolve(dataDir, 'hubwork.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' creates atomically: of two processes starting together, exactly one succeeds.
      const fd = openSync(lockFile, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lockFile, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = Number(readFileSync(lockFile, 'utf8').trim())
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `data directory ${path.resolve(dataDir)} is in use by process ${owner} (lock file ${lockFile})`,
        )
      }
      rmSync(lockFile, { force: true })
    }
  }
  throw new DataDirLockedError(`could not take the lock file ${lockFile}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
