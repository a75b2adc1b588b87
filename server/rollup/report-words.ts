import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl'
import type { FigureTable } from '../../shared/rollup-tables.js'
import { ACTION_KIND_LABELS, COUNTERPART_LABELS, ESCALATION_LABELS } from '../../shared/records.js'
import { reportEn, type ReportMessageId } from '../i18n/messages/report-en.js'
import { reportFr } from '../i18n/messages/report-fr.js'
import { LOCALES } from '../i18n/intl.js'

/**
 * The progress report's language: English or French, on request (`lang=`). Its own words
 * (headings, table titles and columns, summary lines, labels of ids) come from the report
 * catalogs; record content (titles, briefs, names) is never translated. Plain data in and out,
 * so the worker thread that draws the PDF and DOCX can rebuild it from the language alone.
 */

export const REPORT_LANGUAGES = ['en', 'fr'] as const
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number]

export const REPORT_CATALOGS: Record<ReportLanguage, Record<ReportMessageId, string>> = { en: reportEn, fr: reportFr }

export interface ReportWords {
  language: ReportLanguage
  /** BCP 47 tag of the document (PDF `Lang`, DOCX language). */
  locale: string
  t(id: ReportMessageId, values?: Record<string, string | number>): string
  /** A calendar day (`2026-12-09`): as it was in English, "9 décembre 2026" in French. */
  day(isoDay: string): string
  /** An instant as "2026-12-02 03:05" (English) or "2 décembre 2026 à 03:05" (French), in UTC. */
  at(iso: string): string
  number(n: number): string
  /**
   * A table of shared/rollup-tables.ts with its title, columns and labelled cells in this language;
   * `data` (the CSV, read by other tools) keeps its cells as they are: ids, plain numbers, ISO days.
   */
  table(key: TableKey, t: FigureTable, data?: boolean): FigureTable
}

/** The column message ids of each table, in shared/rollup-tables.ts's order. */
export const TABLE_COLUMNS = {
  hubs: ['hub', 'region', 'exchanges', 'actions', 'msRegistered', 'msEngaged', 'focalPoint', 'overdueActions', 'awaitingCyber'],
  matrix: ['theme', 'hub', 'exchanges', 'actions'],
  status: ['status', 'actions'],
  participation: ['hub', 'mission', 'recordsLedOrPart'],
  overdue: ['hub', 'action', 'lead', 'due', 'daysOverdue'],
  crossCutting: ['hub', 'otherHubs', 'item', 'requested', 'daysWaiting'],
  forums: ['forum', 'exchanges', 'actions', 'hubs'],
  partnerships: ['partnership', 'exchanges', 'actions', 'hubs'],
  globalGateway: ['hub', 'action', 'kind', 'project', 'status', 'outcome'],
  globalGatewayByKind: ['kind', 'planned', 'inProgress', 'done', 'dropped'],
  counterparts: ['counterpart', 'exchanges', 'hubs'],
  memberStates: ['memberState', 'hubsRegisteredIn', 'hubsActiveIn', 'recordsLedOrPart'],
  escalation: ['escalatedTo', 'items'],
} as const satisfies Record<string, readonly string[]>
export type TableKey = keyof typeof TABLE_COLUMNS

/** Cells that are labels of ids shared/ names in English: the columns (by message id) that hold them. */
const LABELLED: Partial<Record<string, { labels: Record<string, string>; prefix: string }>> = {
  kind: { labels: ACTION_KIND_LABELS, prefix: 'report.actionKind.' },
  counterpart: { labels: COUNTERPART_LABELS, prefix: 'report.counterpart.' },
  escalatedTo: { labels: ESCALATION_LABELS, prefix: 'report.escalation.' },
}
/** Columns holding calendar days. */
const DAY_COLUMNS = new Set<string>(['due', 'requested'])

const cache = createIntlCache()
const built = new Map<ReportLanguage, ReportWords>()

export const isReportLanguage = (v: unknown): v is ReportLanguage => typeof v === 'string' && (REPORT_LANGUAGES as readonly string[]).includes(v)

export function reportWords(language: ReportLanguage = 'en'): ReportWords {
  const l: ReportLanguage = isReportLanguage(language) ? language : 'en'
  const cached = built.get(l)
  if (cached) return cached
  const intl: IntlShape<string> = createIntl({ locale: LOCALES[l], defaultLocale: LOCALES.en, messages: REPORT_CATALOGS[l], timeZone: 'UTC', onError: () => {} }, cache)
  const english = l === 'en'
  const t = (id: ReportMessageId, values?: Record<string, string | number>) => intl.formatMessage({ id, defaultMessage: reportEn[id] }, values) as string
  const day = (iso: string) => {
    if (english || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso
    return intl.formatDate(new Date(`${iso.slice(0, 10)}T00:00:00Z`), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  }
  const words: ReportWords = {
    language: l,
    locale: LOCALES[l],
    t,
    day,
    at: (iso) => (english ? iso.slice(0, 16).replace('T', ' ') : `${day(iso)} à ${iso.slice(11, 16)}`),
    number: (n) => (english ? String(n) : intl.formatNumber(n)),
    table: (key, tbl, data = false) => {
      // English is shared/rollup-tables.ts's own wording, untouched.
      if (english) return tbl
      const cols = TABLE_COLUMNS[key] as readonly string[]
      const reverse = cols.map((c) => {
        const l = LABELLED[c]
        return l ? new Map(Object.entries(l.labels).map(([id, label]) => [label, `${l.prefix}${id}` as ReportMessageId])) : null
      })
      return {
        title: t(`report.table.${key}` as ReportMessageId),
        columns: tbl.columns.map((c, i) => (cols[i] ? t(`report.col.${cols[i]}` as ReportMessageId) : c)),
        rows: data ? tbl.rows : tbl.rows.map((row) =>
          row.map((cell, i) => {
            if (typeof cell === 'number') return intl.formatNumber(cell)
            const id = reverse[i]?.get(cell)
            if (id) return t(id)
            return DAY_COLUMNS.has(cols[i] ?? '') ? day(cell) : cell
          }),
        ),
      }
    },
  }
  built.set(l, words)
  return words
}

/** Strings of the chart specs (shared/rollup-charts.ts, in English) as the report's language says them. */
export function chartDictionary(w: ReportWords, statusLabels: Record<string, string>, englishStatusLabels: Record<string, string>): Map<string, string> {
  if (w.language === 'en') return new Map()
  const d = new Map<string, string>([
    ['Activity by theme and hub (records in the period)', w.t('report.chart.heatmap.title')],
    ['Team Europe participation (Member State embassies)', w.t('report.chart.participation.title')],
    ['Actions by status', w.t('report.table.status')],
    ['Hub', w.t('report.col.hub')],
    ['Theme', w.t('report.col.theme')],
    ['Records', w.t('report.chart.records')],
    ['Actions', w.t('report.col.actions')],
    ['Member State embassies', w.t('report.chart.embassies')],
    ['Engaged', w.t('report.chart.engaged')],
    ['Not engaged', w.t('report.chart.notEngaged')],
  ])
  for (const [id, en] of Object.entries(englishStatusLabels)) if (statusLabels[id]) d.set(en, statusLabels[id])
  return d
}

/** A Vega-Lite spec with its English strings replaced (titles, data values, domains, sorts); field names untouched. */
export function translateSpec<T>(spec: T, dict: Map<string, string>): T {
  if (dict.size === 0) return spec
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return key === 'field' || key === '$schema' || key === 'type' ? v : (dict.get(v) ?? v)
    if (Array.isArray(v)) return v.map((x) => walk(x))
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]))
    return v
  }
  return walk(spec) as T
}
