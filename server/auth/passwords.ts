import { hash, verify } from '@node-rs/argon2'

/**
 * argon2id with OWASP's second recommended setting (m = 19 MiB, t = 2, p = 1): about 20–30 ms per
 * hash on this 2-core machine, cheap enough for sign-in p50, costly for an offline attacker.
 */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

/** Hashes a password (PHC string). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

/** Checks a password against a PHC hash; false on any malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | null = null

/**
 * Spends the same time as a real check, for an unknown email: the answer's timing must not tell
 * whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy password for timing only')
  await verifyPassword(await dummyHash, password)
  return false
}
