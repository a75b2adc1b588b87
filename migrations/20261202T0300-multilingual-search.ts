import { type Kysely, sql } from 'kysely'

/**
 * Multilingual, accent-insensitive search (issue 17). Hubs write in English, French, Italian,
 * German and Spanish, often in one document, and people type without accents: "resiliencia" must
 * find "resiliência". Measured on both engines (tests/load/search-configs.ts): 'simple' alone got
 * 6 of 22 cases right, 'simple' + unaccent 16, any one language's stemmer + unaccent 17–18, every
 * stemmer and 'simple' together, unaccented, 19. So a text's vector is the union of the six
 * configurations' vectors and a query matches when it matches under any one of them.
 * `to_tsvector(regconfig, text)` is immutable, so the vector stays a generated column.
 * Comments get the same column: search covers them too.
 */
const LANGS = ['english', 'french', 'italian', 'german', 'spanish'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // A trusted extension (PostgreSQL 13+): the database owner may create it; PGlite ships it in contrib.
  await sql`create extension if not exists unaccent`.execute(db)
  await sql`create text search configuration hubwork_simple (copy = simple)`.execute(db)
  await sql`alter text search configuration hubwork_simple alter mapping for hword, hword_part, word with unaccent, simple`.execute(db)
  for (const lang of LANGS) {
    await sql`create text search configuration ${sql.id(`hubwork_${lang}`)} (copy = ${sql.id(lang)})`.execute(db)
    await sql`alter text search configuration ${sql.id(`hubwork_${lang}`)} alter mapping for hword, hword_part, word with unaccent, ${sql.id(`${lang}_stem`)}`.execute(db)
  }
  const configs = ['hubwork_simple', ...LANGS.map((l) => `hubwork_${l}`)]
  const vector = sql.raw(configs.map((c) => `to_tsvector('${c}'::regconfig, coalesce($1, ''))`).join(' || '))
  const query = sql.raw(configs.map((c) => `to_tsquery('${c}'::regconfig, $1)`).join(' || '))
  await sql`create function hubwork_search_vector(text) returns tsvector language sql immutable parallel safe as $$ select ${vector} $$`.execute(db)
  await sql`create function hubwork_search_query(text) returns tsquery language sql immutable parallel safe as $$ select ${query} $$`.execute(db)

  await sql`alter table items alter column search set expression as (hubwork_search_vector(title || ' ' || body))`.execute(db)
  await sql`alter table doc_text alter column search set expression as (hubwork_search_vector(title || ' ' || text))`.execute(db)
  await sql`alter table comments add column search tsvector not null generated always as (hubwork_search_vector(body)) stored`.execute(db)
  await db.schema.createIndex('comments_search_idx').on('comments').using('gin').column('search').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_search_idx').execute()
  await sql`alter table comments drop column search`.execute(db)
  await sql`alter table doc_text alter column search set expression as (to_tsvector('simple', title || ' ' || text))`.execute(db)
  await sql`alter table items alter column search set expression as (to_tsvector('simple', title || ' ' || body))`.execute(db)
  await sql`drop function hubwork_search_query(text)`.execute(db)
  await sql`drop function hubwork_search_vector(text)`.execute(db)
  for (const lang of LANGS) await sql`drop text search configuration ${sql.id(`hubwork_${lang}`)}`.execute(db)
  await sql`drop text search configuration hubwork_simple`.execute(db)
}
