/**
 * Which text-search configuration finds what people type, in the five languages hubs write in
 * (`npx tsx tests/load/search-configs.ts`). Each case is a sentence and a query a reader would type
 * (another inflection, no accents, a prefix); each configuration is tried with the app's prefix
 * query (every word `:*`) on PGlite and on PostgreSQL. A measurement, not a test.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import pg from 'pg'
import { prefixQuery } from '../../server/rollup/item-queries.js'
import { startPostgres } from '../support/postgres-server.js'

/** [language, text, query, should it match]. */
const CASES: [string, string, string, boolean][] = [
  ['en', 'Strengthening cyber resilience of the energy grid', 'resilient grids', true],
  ['en', 'The delegation organised two workshops on data protection', 'workshop', true],
  ['en', 'The delegation organised two workshops on data protection', 'organized', true],
  ['en', 'Meeting with the ministry about connectivity', 'connect', true],
  ['fr', 'Les données numériques des administrations publiques', 'donnees numerique', true],
  ['fr', 'Réunion avec le ministère sur la cybersécurité', 'cybersecurite', true],
  ['fr', 'Les ateliers sur la résilience ont eu lieu', 'atelier resilience', true],
  ['fr', 'Stratégie nationale pour les compétences numériques', 'competence', true],
  ['it', 'Rafforzare la resilienza delle infrastrutture digitali', 'infrastruttura digitale', true],
  ['it', 'Incontro con il ministero per la città intelligente', 'citta', true],
  ['it', 'Le imprese europee segnalano ostacoli normativi', 'impresa ostacolo', true],
  ['de', 'Größere Förderung der digitalen Kompetenzen', 'grosse foerderung', true],
  ['de', 'Größere Förderung der digitalen Kompetenzen', 'forderung digital', true],
  ['de', 'Die Delegation traf die Ministerien für Digitales', 'ministerium', true],
  ['de', 'Workshops über Datenschutz und Cybersicherheit', 'uber datenschutz', true],
  ['es', 'Estrategia de resiliência digital del gobierno', 'resiliencia', true],
  ['es', 'Reunión con las autoridades de protección de datos', 'reunion proteccion', true],
  ['es', 'Las empresas europeas invierten en conectividad', 'empresa europea', true],
  ['es', 'Cooperación en ciberseguridad con la región', 'cooperacion region', true],
  // What must not match: a stemmer folding unrelated words together.
  ['fr', 'Le numéro de téléphone du bureau', 'numerique', false],
  ['en', 'The general assembly of the university', 'generous', false],
  ['it', 'La sede della delegazione', 'sedia', false],
]

const CONFIGS = ['simple', 'english', 'french', 'italian', 'german', 'spanish']

interface Engine {
  name: string
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
  close(): Promise<void>
}

async function setup(e: Engine) {
  await e.query('create extension if not exists unaccent')
  for (const c of CONFIGS) {
    await e.query(`drop text search configuration if exists m_${c}_unaccent`)
    await e.query(`create text search configuration m_${c}_unaccent (copy = ${c})`)
    await e.query(`alter text search configuration m_${c}_unaccent alter mapping for hword, hword_part, word with unaccent, ${c === 'simple' ? 'simple' : `${c}_stem`}`)
  }
}

async function measure(e: Engine) {
  await setup(e)
  const configs = [...CONFIGS.flatMap((c) => [c, `m_${c}_unaccent`]), 'all five stemmers + simple, unaccented']
  const out: Record<string, { right: number; wrong: string[] }> = {}
  for (const cfg of configs) {
    out[cfg] = { right: 0, wrong: [] }
    for (const [lang, text, q, expected] of CASES) {
      // The app lowers and unaccents the typed words with the same configuration's parser.
      const tsq = prefixQuery(q)!
      // The combined one: a vector of every configuration, a query matching when any one matches.
      const sql = cfg.startsWith('all ')
        ? `select (${CONFIGS.map((c) => `to_tsvector('m_${c}_unaccent', $1)`).join(' || ')}) @@ (${CONFIGS.map((c) => `to_tsquery('m_${c}_unaccent', $2)`).join(' || ')}) as hit`
        : `select to_tsvector('${cfg}', $1) @@ to_tsquery('${cfg}', $2) as hit`
      const { rows } = await e.query(sql, [text, tsq])
      if (rows[0]!.hit === expected) out[cfg]!.right++
      else out[cfg]!.wrong.push(`${lang}:"${q}"`)
    }
  }
  console.log(`\n${e.name}: right answers out of ${CASES.length}`)
  for (const [cfg, r] of Object.entries(out)) console.log(`  ${cfg.padEnd(40)} ${String(r.right).padStart(2)}  wrong: ${r.wrong.join(', ')}`)
}

const pglite = await PGlite.create({ extensions: { unaccent } })
await measure({ name: 'PGlite', query: (s, p) => pglite.query(s, p), close: () => pglite.close() })
await pglite.close()

const tmp = await mkdtemp(path.join(os.tmpdir(), 'hubwork-tsconf-'))
const server = await startPostgres(tmp, 25000 + Math.floor(Math.random() * 2000))
try {
  const client = new pg.Client({ connectionString: `${server.url}/postgres` })
  await client.connect()
  await measure({ name: 'PostgreSQL', query: (s, p) => client.query(s, p), close: () => client.end() })
  await client.end()
} finally {
  await server.stop()
  await rm(tmp, { recursive: true, force: true })
}
