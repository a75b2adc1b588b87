import path from 'node:path'
import ts from 'typescript'
import { sql, type Kysely } from 'kysely'

/**
 * One column, described the same way from both sides — the kysely `Database` interface and a
 * migrated database — so the two can be compared field by field.
 *   type     what a select hands back in JS: string, number, boolean, Date, Uint8Array, string[], json
 *   nullable whether a select may hand back null
 *   insert   'never' (the database computes it), 'optional' (may be left out), 'required'
 */
export interface ColumnDescription {
  type: string
  nullable: boolean
  insert: 'never' | 'optional' | 'required'
}
export type SchemaDescription = Record<string, Record<string, ColumnDescription>>

const SCHEMA_FILE = path.resolve(import.meta.dirname, '..', '..', 'server', 'db', 'schema.ts')

/**
 * Reads `interface Database` of server/db/schema.ts with the TypeScript compiler: each property is
 * a table, each property of a table a column. Kysely's `ColumnType<Select, Insert, Update>` (and
 * `Generated<T>`) carry the select and insert types in `__select__` and `__insert__`; a plain type
 * is both.
 */
export function describeSchemaTs(): SchemaDescription {
  const program = ts.createProgram([SCHEMA_FILE], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(SCHEMA_FILE)
  const moduleSymbol = source && checker.getSymbolAtLocation(source)
  const database = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Database')
  if (!database) throw new Error(`no exported Database interface in ${SCHEMA_FILE}`)

  const part = (type: ts.Type, name: '__select__' | '__insert__') => {
    const prop = type.getProperty(name)
    return prop ? checker.getTypeOfSymbol(prop) : type
  }
  const members = (type: ts.Type) => (type.isUnion() ? type.types : [type])
  const isNull = (t: ts.Type) => (t.flags & ts.TypeFlags.Null) !== 0
  const isUndefined = (t: ts.Type) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0
  const jsType = (t: ts.Type): string => {
    if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return 'string'
    if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number'
    if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean'
    if (checker.isArrayType(t)) return `${jsType(checker.getTypeArguments(t as ts.TypeReference)[0])}[]`
    const name = (t.aliasSymbol ?? t.getSymbol())?.name
    if (name === 'Date' || name === 'Uint8Array') return name
    if (name === 'Record' || name === '__type') return 'json'
    return checker.typeToString(t)
  }

  const out: SchemaDescription = {}
  for (const table of checker.getDeclaredTypeOfSymbol(database).getProperties()) {
    const columns: Record<string, ColumnDescription> = {}
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      const declared = checker.getTypeOfSymbol(column)
      const select = members(part(declared, '__select__'))
      const insert = part(declared, '__insert__')
      const types = [...new Set(select.filter((t) => !isNull(t) && !isUndefined(t)).map(jsType))]
      columns[column.name] = {
        type: types.length === 1 ? types[0] : types.sort().join(' | '),
        nullable: select.some(isNull),
        insert: insert.flags & ts.TypeFlags.Never ? 'never' : members(insert).some((t) => isNull(t) || isUndefined(t)) ? 'optional' : 'required',
      }
    }
    out[table.name] = columns
  }
  return out
}

/** What each PostgreSQL column type reads back as, given the type parsers of server/db/connect.ts. */
const PG_TO_JS: Record<string, string> = {
  text: 'string',
  'character varying': 'string',
  tsvector: 'string',
  // connect.ts keeps `date` as its 'YYYY-MM-DD' text and reads int8 as a number.
  date: 'string',
  bigint: 'number',
  integer: 'number',
  smallint: 'number',
  boolean: 'boolean',
  'timestamp with time zone': 'Date',
  bytea: 'Uint8Array',
  jsonb: 'json',
  json: 'json',
  _text: 'string[]',
  // Transaction ids: pg reads them as decimal text.
  xid8: 'string',
}

/**
 * Describes the tables of a migrated database from information_schema, the migrator's own
 * bookkeeping tables left out. Insert is what the database allows: 'never' for generated columns
 * and identities it always assigns, 'optional' where a default or NULL fills in.
 */
export async function describeSchemaDb<DB>(db: Kysely<DB>): Promise<SchemaDescription> {
  const { rows } = await sql<{
    table_name: string
    column_name: string
    data_type: string
    udt_name: string
    is_nullable: 'YES' | 'NO'
    column_default: string | null
    is_identity: 'YES' | 'NO'
    identity_generation: string | null
    is_generated: string
  }>`
    select table_name, column_name, data_type, udt_name, is_nullable, column_default, is_identity, identity_generation, is_generated
    from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely\\_%'
    order by table_name, ordinal_position
  `.execute(db)
  const out: SchemaDescription = {}
  for (const r of rows) {
    const pgType = r.data_type === 'ARRAY' || r.data_type === 'USER-DEFINED' ? r.udt_name : r.data_type
    const generated = r.is_generated === 'ALWAYS' || r.identity_generation === 'ALWAYS'
    const filled = r.column_default !== null || r.is_identity === 'YES' || r.is_nullable === 'YES'
    ;(out[r.table_name] ??= {})[r.column_name] = {
      type: PG_TO_JS[pgType] ?? `unmapped ${pgType}`,
      nullable: r.is_nullable === 'YES',
      insert: generated ? 'never' : filled ? 'optional' : 'required',
    }
  }
  return out
}

/**
 * Every difference between the interface and the database, one readable line each: missing
 * tables and columns on either side, a different JS type or nullability, and an insert the types
 * would allow but the database refuses (or the other way round for computed columns). A column
 * the database fills in may still be required by the types: stricter is fine.
 */
export function compareSchemas(ts: SchemaDescription, db: SchemaDescription): string[] {
  const problems: string[] = []
  for (const table of Object.keys(ts)) if (!db[table]) problems.push(`${table}: in schema.ts, not in the database`)
  for (const table of Object.keys(db)) if (!ts[table]) problems.push(`${table}: in the database, not in schema.ts`)
  for (const table of Object.keys(ts).filter((t) => db[t])) {
    const a = ts[table]
    const b = db[table]
    for (const col of Object.keys(a)) if (!b[col]) problems.push(`${table}.${col}: in schema.ts, not in the database`)
    for (const col of Object.keys(b)) if (!a[col]) problems.push(`${table}.${col}: in the database, not in schema.ts`)
    for (const col of Object.keys(a).filter((c) => b[c])) {
      const [x, y] = [a[col], b[col]]
      const at = `${table}.${col}`
      if (x.type !== y.type) problems.push(`${at}: schema.ts reads ${x.type}, the database holds ${y.type}`)
      if (x.nullable !== y.nullable) problems.push(`${at}: schema.ts says ${x.nullable ? 'nullable' : 'never null'}, the database ${y.nullable ? 'allows NULL' : 'is NOT NULL'}`)
      if (y.insert === 'never' && x.insert !== 'never') problems.push(`${at}: the database computes it, but schema.ts lets an insert set it`)
      if (y.insert !== 'never' && x.insert === 'never') problems.push(`${at}: schema.ts forbids inserting it, but the database does not compute it`)
      if (y.insert === 'required' && x.insert === 'optional') problems.push(`${at}: NOT NULL without a default, but schema.ts lets an insert leave it out`)
    }
  }
  return problems
}
