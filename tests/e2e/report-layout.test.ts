import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import type { Browser } from 'playwright-core'
import { ARTIFACTS, launchBrowser } from '../support/browser.js'
import { renderReportPdf, type LayoutBox } from '../../server/rollup/report-pdf.js'
import { reportDocx } from '../../server/rollup/report-docx.js'
import { reportMarkdown } from '../../server/rollup/report-text.js'
import { reportLabels } from '../../server/rollup/report-labels.js'
import { termLabel } from '../../shared/taxonomy.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import type { ProgressReport } from '../../server/rollup/report.js'
import type { Rollup } from '../../shared/schemas/rollup.js'

const A4 = { width: 595.28, height: 841.89 }
const PDFJS = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'pdfjs-dist', 'build')

/**
 * A report as large as the Council's (12 hubs, every theme, 45 overdue actions): its PDF must be
 * laid out for A4. Every page is rendered to PNG by pdf.js in Chromium and kept under
 * tests/artifacts/report-pdf/; the layout boxes say no chart leaves the page box or covers a table.
 */
function bigReport(): ProgressReport {
  const taxonomy = loadTaxonomy()
  const themes = taxonomy.themes.filter((t) => t.parent === t.id).map((t) => t.id)
  const countries = ['Nigeria', 'Kenya', 'Brazil', 'India', 'Indonesia', 'Mexico', 'Morocco', 'Ukraine', 'Viet Nam', 'Senegal', 'Colombia', 'Philippines']
  const hubs = countries.map((c, i) => ({
    id: `hub-${i}`, name: `Digital hub ${c}`, country: c.slice(0, 2).toUpperCase(), countryName: c, region: i % 2 ? 'africa' : 'lac',
    focalPoint: i % 4 === 0 ? null : `Focal Point ${i}`, hubOnly: { exchanges: 0, actions: 0 }, overdue: Math.ceil((45 - i) / 12),
  }))
  const rollup: Rollup = {
    from: '2026-07-01', to: '2026-12-31', asOf: '2026-12-01', hubs,
    matrix: hubs.flatMap((h, i) => themes.filter((_, j) => (i + j) % 3 !== 0).map((themeId, j) => ({ hubId: h.id, themeId, exchanges: (i + j) % 5, actions: (i * j) % 4 }))),
    actionsByStatus: { planned: 14, in_progress: 22, done: 31, dropped: 3 },
    overdue: Array.from({ length: 45 }, (_, k) => ({
      itemId: `o${k}`, hubId: hubs[k % 12].id, title: `Follow up the ${k % 2 ? 'data governance workshop' : 'connectivity roundtable with the ministry and operators'} (${k})`,
      leadMission: k % 3 ? 'EU' : 'DE', due: '2026-10-15', daysOverdue: 47 - k, status: 'in_progress',
    })),
    overdueTotal: 45,
    participation: hubs.map((h, i) => ({
      hubId: h.id, missions: [{ mission: 'EU', contributions: 5 + i }, { mission: 'DE', contributions: i % 4 }, { mission: 'FR', contributions: (i * 3) % 5 }],
      registeredMemberStates: ['DE', 'FR', 'IT'], engagedMemberStates: i % 3 ? ['DE'] : [], euOnly: i % 3 === 0,
    })),
    crossCutting: { open: 6, awaitingComment: 4, awaiting: Array.from({ length: 4 }, (_, k) => ({ itemId: `c${k}`, hubId: hubs[k].id, relatedHubs: [hubs[k + 1].id], title: `FIMI campaign ${k}`, requestedAt: '2026-11-02T10:00:00Z', daysWaiting: 29 })) },
    focalPoints: hubs.map((h) => ({ hubId: h.id, hasFocalPoint: h.focalPoint !== null, name: h.focalPoint, trained: h.focalPoint !== null, trainedOn: null })),
    // Questions 6–10: tables long enough to break across pages too.
    records: {
      forums: taxonomy.forums.slice(0, 12).map((f, i) => ({ forumId: f.id, exchanges: 3 + (i % 4), actions: i % 3, hubs: 1 + (i % 5) })),
      partnerships: taxonomy.partnerships.slice(0, 8).map((p, i) => ({ partnershipId: p.id, exchanges: 2 + i, actions: i % 2, hubs: 1 + (i % 3) })),
      globalGateway: {
        byKind: [{ actionKind: 'gg_project_support', planned: 3, in_progress: 4, done: 2, dropped: 1 }, { actionKind: 'tbo_company_support', planned: 1, in_progress: 2, done: 1, dropped: 0 }],
        actions: Array.from({ length: 30 }, (_, k) => ({
          itemId: `g${k}`, hubId: hubs[k % hubs.length].id, title: `Global Gateway support action ${k}`, actionKind: k % 2 ? 'gg_project_support' : 'tbo_company_support',
          ggProject: k % 3 ? `gg-${k}` : null, status: k % 4 ? 'in_progress' : 'done', obstacle: k % 5 ? null : 'Procurement rules exclude EU companies from the tender',
        })),
      },
      counterparts: ['government', 'regulator', 'private_sector', 'civil_society', 'academia'].map((c, i) => ({ counterpart: c, exchanges: 4 + i, hubs: 2 + i })),
      memberStates: ['DE', 'FR', 'IT', 'ES', 'NL', 'PL'].map((m, i) => ({ mission: m, registeredHubs: 8 - i, activeHubs: 6 - i, records: 20 - 2 * i })),
      escalation: { none: 5, digital_diplomacy_network: 2, cyber_ambassadors_network: 1, psc: 1 },
    },
  }
  const themeLabel = (id: string) => termLabel(taxonomy.themes, id)
  return {
    title: 'Digital hubs progress report, 2026-07-01 to 2026-12-31',
    generatedAt: '2026-12-01T20:30:00.000Z',
    rollup,
    themeLabel,
    labels: reportLabels(),
    hubs: hubs.map((h, i) => ({
      hubId: h.id, name: h.name, countryName: h.countryName, region: h.region, exchanges: 10 + i, actions: 4 + i, topThemes: themes.slice(0, 3).map(themeLabel),
      registered: ['DE', 'FR', 'IT'], engaged: ['DE'], focalPoint: h.focalPoint, overdue: 3, awaiting: 0, briefStatus: null,
      briefExcerpt: 'Priorities Connectivity and data governance.',
      brief: [
        { type: 'h2', text: 'Priorities' },
        { type: 'p', text: `The hub in ${h.countryName} works on connectivity, data governance and cybersecurity with the partner government.` },
        { type: 'bullet', text: 'Global Gateway fibre backbone' },
        { type: 'bullet', text: 'Data protection law: technical assistance' },
        { type: 'h2', text: 'Next steps' },
        { type: 'number', text: 'Joint statement at the ITU regional meeting' },
        { type: 'number', text: 'Résilience cyber : atelier avec l’agence nationale' },
      ],
    })),
  }
}

/** Runs in Chromium: pdf.js renders each page to a canvas (PNG) and reads its text and structure tree. */
const RENDER_PAGES = `(async () => {
  const pdfjs = await import(location.origin + '/pdf.min.mjs')
  pdfjs.GlobalWorkerOptions.workerSrc = location.origin + '/pdf.worker.min.mjs'
  const doc = await pdfjs.getDocument({ url: '/report.pdf' }).promise
  const meta = await doc.getMetadata()
  const pages = []
  for (let i = 1; i <= doc.numPages; i++) {
    const p = await doc.getPage(i)
    const viewport = p.getViewport({ scale: 1.5 })
    const canvas = document.createElement('canvas')
    canvas.width = viewport.width
    canvas.height = viewport.height
    await p.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise
    const text = (await p.getTextContent()).items.map((it) => it.str || '').join(' ')
    const tree = JSON.stringify(await p.getStructTree())
    pages.push({ png: canvas.toDataURL('image/png'), text, tree, width: p.view[2], height: p.view[3] })
  }
  return { pages, title: meta.info && meta.info.Title }
})()`

const overlaps = (a: LayoutBox, b: LayoutBox) =>
  a.page === b.page && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

describe('the progress report, laid out for the Council', () => {
  let browser: Browser
  let server: Server
  let base: string
  let pdf: Buffer
  beforeAll(async () => {
    // pdf.js and the PDF served from 127.0.0.1 (a module and its worker need an origin).
    server = createServer((req, res) => {
      if (req.url === '/report.pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf)
      const file = req.url?.match(/^\/(pdf(?:\.worker)?\.min\.mjs)$/)?.[1]
      if (file) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(path.join(PDFJS, file)))
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>render</title>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('keeps charts in the page box and off the tables, repeats table headers, is tagged, and every page is looked at', async () => {
    const report = bigReport()
    const out = await renderReportPdf(report)
    pdf = out.pdf
    const { layout } = out
    const charts = layout.filter((b) => b.kind === 'chart')
    const tables = layout.filter((b) => b.kind === 'table')
    expect(charts).toHaveLength(3)
    for (const b of layout) {
      expect(b.x, `${b.title} left`).toBeGreaterThanOrEqual(50 - 0.01)
      expect(b.x + b.width, `${b.title} right`).toBeLessThanOrEqual(A4.width - 50 + 0.01)
      expect(b.y, `${b.title} top`).toBeGreaterThanOrEqual(50 - 0.01)
      expect(b.y + b.height, `${b.title} bottom`).toBeLessThanOrEqual(A4.height - 50 + 0.01)
    }
    for (const c of charts) for (const t of [...tables, ...charts.filter((o) => o !== c)]) expect(overlaps(c, t), `${c.title} over ${t.title}`).toBe(false)
    // The overdue table is long: it breaks across pages.
    const overdue = tables.filter((t) => t.title === 'Overdue actions')
    expect(overdue.length).toBeGreaterThan(1)

    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } })
    await page.goto(`${base}/`)
    // A string, not a function: the test runner would rewrite a function's dynamic import.
    const pages = (await page.evaluate(RENDER_PAGES)) as {
      pages: { png: string; text: string; tree: string; width: number; height: number }[]
      title: string
    }
    await page.close()
    const dir = path.join(ARTIFACTS, 'report-pdf')
    mkdirSync(dir, { recursive: true })
    pages.pages.forEach((p, i) => writeFileSync(path.join(dir, `page-${String(i + 1).padStart(2, '0')}.png`), Buffer.from(p.png.split(',')[1], 'base64')))
    for (const p of pages.pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842])
    // The header row repeats on the page the overdue table continues on.
    const continued = pages.pages[overdue[1].page]
    expect(continued.text).toContain('Days overdue')
    // The summary, human labels, and the brief's own headings and list items.
    const all = pages.pages.map((p) => p.text).join(' ')
    expect(all).toContain('Hubs without a digital focal point: Nigeria, Indonesia, Viet Nam.')
    expect(all).toContain('In progress')
    expect(all).not.toContain('in_progress')
    expect(all).toContain('Latin America and the Caribbean')
    expect(all).toContain('Résilience cyber')
    // Tagged: a structure tree with headings, tables with header cells, figures with text alternatives, lists.
    expect(pdf.toString('latin1')).toMatch(/\/Marked true/)
    expect(pages.title).toBe(report.title)
    const tree = pages.pages.map((p) => p.tree).join(' ')
    for (const role of ['"H1"', '"H2"', '"H3"', '"H4"', '"Table"', '"TH"', '"TD"', '"Figure"', '"L"', '"LI"', '"LBody"']) expect(tree, role).toContain(`"role":${role}`)
    expect(tree).toContain('Bar chart of actions by status')
    expect(pdf.toString('latin1')).toContain('pdfuaid:part')
  })

  it('gives DOCX and Markdown the same summary, labels and brief structure, with real headings', async () => {
    const report = bigReport()
    const xml = strFromU8(unzipSync(new Uint8Array(await reportDocx(report)))['word/document.xml'])
    expect(xml).toContain('w:pStyle w:val="Heading2"')
    expect(xml).toContain('w:pStyle w:val="Heading4"')
    expect(xml).toContain('Hubs without a digital focal point: Nigeria, Indonesia, Viet Nam.')
    expect(xml).toContain('Latin America and the Caribbean')
    expect(xml).toContain('<w:numPr>')
    expect(xml).not.toContain('in_progress')
    const md = reportMarkdown(report)
    expect(md).toContain('> ##### Priorities')
    expect(md).toContain('> - Global Gateway fibre backbone')
    expect(md).toContain('> 1. Joint statement at the ITU regional meeting')
    expect(md).toContain('| Nigeria | Latin America and the Caribbean |')
  })
})
