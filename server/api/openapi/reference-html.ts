/** The OpenAPI document as one self-contained HTML page: no script, no stylesheet or font from elsewhere (works offline). */

type Json = Record<string, unknown>

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** `code` spans and **bold** of the descriptions, everything else escaped. */
const inline = (s: string) =>
  esc(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')

/** A short type label for a JSON Schema: `string`, `integer 1–500`, `enum: a | b`, `Item[]`, … */
function typeLabel(s: Json | undefined): string {
  if (!s) return ''
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop()!
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
  if (s.const !== undefined) return JSON.stringify(s.const)
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map(typeLabel).join(' | ')
  if (s.type === 'array') return `${typeLabel(s.items as Json)}[]`
  const bits = [String(s.type ?? 'any')]
  if (s.format) bits.push(String(s.format))
  if (s.pattern) bits.push(`matching ${s.pattern}`)
  if (s.minimum !== undefined || s.maximum !== undefined) bits.push(`${s.minimum ?? ''}–${s.maximum ?? ''}`)
  if (s.maxLength !== undefined) bits.push(`≤ ${s.maxLength} chars`)
  if (s.default !== undefined) bits.push(`default ${JSON.stringify(s.default)}`)
  return bits.join(', ')
}

const schemaBlock = (s: unknown) => `<pre>${esc(JSON.stringify(s, null, 2))}</pre>`

export function renderReference(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string }
  const paths = doc.paths as Record<string, Record<string, Json>>
  const tags = (doc.tags as { name: string }[]).map((t) => t.name)
  const ops = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
  const schemas = ((doc.components as Json).schemas ?? {}) as Record<string, Json>

  const operation = ({ path, method, op }: (typeof ops)[number]) => {
    const id = String(op.operationId)
    const params = (op.parameters as Json[] | undefined) ?? []
    const body = (op.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content['application/json']?.schema
    const responses = Object.entries(op.responses as Record<string, { description: string; content?: Record<string, { schema?: Json }> }>)
    return `<section class="op" id="${esc(id)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${inline(String(op.summary))}</p>
${String(op.description ?? '').split('\n\n').map((p) => `<p>${inline(p)}</p>`).join('\n')}
${
  params.length
    ? `<table><caption>Parameters</caption><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">required</th></tr></thead><tbody>
${params.map((p) => `<tr><td><code>${esc(p.name)}</code>${p.description ? ` — ${inline(String(p.description))}` : ''}</td><td>${esc(p.in)}</td><td>${esc(typeLabel(p.schema as Json))}</td><td>${p.required ? 'yes' : 'no'}</td></tr>`).join('\n')}
</tbody></table>`
    : ''
}
${body ? `<details><summary>Request body (JSON): ${esc(typeLabel(body))}</summary>${schemaBlock(body)}</details>` : ''}
<table><caption>Responses</caption><thead><tr><th scope="col">status</th><th scope="col">meaning</th><th scope="col">body</th></tr></thead><tbody>
${responses
  .map(([status, r]) => {
    const media = Object.keys(r.content ?? {})
    const schema = r.content?.['application/json']?.schema
    return `<tr><td>${esc(status)}</td><td>${inline(r.description)}</td><td>${schema ? esc(typeLabel(schema)) : esc(media.join(', '))}</td></tr>`
  })
  .join('\n')}
</tbody></table>
</section>`
  }

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)} — reference</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; }
header, main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
nav ul { columns: 2; padding-left: 1.2rem; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2.5rem; text-transform: capitalize; }
.op { border: 1px solid #ddd; border-radius: 6px; padding: 0.2rem 1rem 0.8rem; margin: 1rem 0; }
.m { display: inline-block; min-width: 4.2rem; text-align: center; border-radius: 4px; color: #fff; font-size: 0.85em; padding: 0.1rem 0.3rem; }
.get { background: #1a5e9a; } .post { background: #1d6b35; } .put, .patch { background: #7a4b00; } .delete { background: #a1262a; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0; font-size: 0.93em; }
caption { text-align: left; font-weight: 600; }
th, td { border-bottom: 1px solid #e5e5e5; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.92em; }
pre { background: #f5f5f5; padding: 0.6rem; overflow-x: auto; }
a { color: #0b4f8a; }
</style>
</head>
<body>
<header>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${inline(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
<nav aria-label="Endpoints"><ul>
${ops.map(({ path, method, op }) => `<li><a href="#${esc(op.operationId)}">${esc(method.toUpperCase())} ${esc(path)}</a></li>`).join('\n')}
</ul></nav>
</header>
<main>
${tags
  .map((tag) => {
    const mine = ops.filter((o) => (o.op.tags as string[]).includes(tag))
    return mine.length ? `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>\n${mine.map(operation).join('\n')}` : ''
  })
  .join('\n')}
<h2 id="schemas">Schemas</h2>
${Object.entries(schemas)
  .map(([name, s]) => `<details id="schema-${esc(name)}"><summary><code>${esc(name)}</code></summary>${schemaBlock(s)}</details>`)
  .join('\n')}
</main>
</body>
</html>
`
}
