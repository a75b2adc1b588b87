import { diffWordsWithSpace } from 'diff'
import * as Y from 'yjs'
import type { VersionDiffView } from '../../shared/schemas/history-views.js'
import { LOG_KINDS } from '../../shared/item-statuses.js'
import { logEntryIds } from '../../shared/log-doc-history.js'
import { lexicalDocToText } from '../editor/headless.js'
import { lexicalDocToBlocks, type DocBlock } from '../editor/doc-blocks.js'
import { mentionNames } from '../../shared/editor/mention-node.js'
import { reportPdf } from '../rollup/report-pdf.js'
import { reportDocx } from '../rollup/report-docx.js'
import { docDocx, docPdf } from '../export/doc-export.js'
import type { ProgressReport } from '../rollup/report.js'
import { CpuLimits } from './cpu-limits.js'
import { compactState, mergeParts } from '../db/update-store.js'
import { scratchDoc } from '../editor/scratch-doc.js'

/** A progress report as it crosses to the worker: functions do not, so theme labels go as a map. */
export type PortableReport = Omit<ProgressReport, 'themeLabel'> & { themeLabels: Record<string, string> }

/** What a task answers when its input is over a cap or its effort over a bound (→ 413 / 422). */
export type Refusal = { refused: 'too_large' | 'too_complex'; message: string }

type TextSegment = Extract<VersionDiffView, { kind: 'text' }>['segments'][number]

/**
 * The heavy work the worker thread does. Each takes and returns plain data (structured clone), so
 * the same functions also run in-process where no worker can be started.
 */
export const cpuTasks = {
  /** Word diff of two Lexical documents' texts, bounded by the caps. */
  async textDiff({ before, after, names }: { before: Uint8Array; after: Uint8Array; names: Record<string, string> }): Promise<TextSegment[] | Refusal> {
    // Mentions as `@Name` before the diff: a word diff would cut a mention's mark apart.
    const named = (text: string) => mentionNames(text, (id) => names[id])
    const [a, b] = (await Promise.all([lexicalDocToText(before), lexicalDocToText(after)])).map(named)
    if (a.length > CpuLimits.diffMaxChars || b.length > CpuLimits.diffMaxChars) {
      return { refused: 'too_large', message: `a diff compares texts of at most ${CpuLimits.diffMaxChars} characters` }
    }
    const changes = diffWordsWithSpace(a, b, { maxEditLength: CpuLimits.diffMaxEditLength, timeout: CpuLimits.diffTimeoutMs })
    if (!changes) return { refused: 'too_complex', message: 'the two texts differ too much to compare word by word' }
    return changes.map((c): TextSegment => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }))
  },
  /** Plain text of a Lexical document (headless Lexical), given whole or as its stored parts. */
  lexicalText(state: Uint8Array | Uint8Array[]): Promise<string> {
    return lexicalDocToText(Array.isArray(state) ? mergeParts(state) : state)
  },
  /** A document's stored parts merged into the state a snapshot stores (compaction). */
  compactState(parts: Uint8Array[]): Uint8Array {
    return compactState(parts)
  },
  /** Headings, paragraphs and list items of a Lexical document (exports keep their structure). */
  lexicalBlocks(state: Uint8Array | Uint8Array[]): Promise<DocBlock[]> {
    // Stored parts are merged here, off the main thread.
    return lexicalDocToBlocks(Array.isArray(state) ? mergeParts(state) : state)
  },
  /** The entry keys (`kind/id`) of each log state. */
  logKeys(states: Uint8Array[]): string[][] {
    return states.map((state) => {
      const doc = scratchDoc()
      try {
        Y.applyUpdate(doc, state)
        return LOG_KINDS.flatMap((kind) => logEntryIds(doc, kind).map((id) => `${kind}/${id}`))
      } finally {
        doc.destroy()
      }
    })
  },
  async reportPdf(r: PortableReport): Promise<Uint8Array> {
    return new Uint8Array(await reportPdf(fromPortable(r)))
  },
  async reportDocx(r: PortableReport): Promise<Uint8Array> {
    return new Uint8Array(await reportDocx(fromPortable(r)))
  },
  /** A brief or note as PDF or DOCX: its blocks read by headless Lexical, then laid out. */
  async docExport({ parts, title, subtitle, format, names }: { parts: Uint8Array[]; title: string; subtitle: string; format: 'pdf' | 'docx'; names: Record<string, string> }): Promise<Uint8Array> {
    // A document nobody has written in yet has no stored state: it exports as its title alone.
    const blocks = parts.length ? await lexicalDocToBlocks(mergeParts(parts)) : []
    const d = { title, subtitle, blocks: blocks.map((b) => ({ ...b, text: mentionNames(b.text, (id) => names[id]) })) }
    return new Uint8Array(format === 'pdf' ? await docPdf(d) : await docDocx(d))
  },
}

export type CpuTasks = typeof cpuTasks
export type CpuTaskName = keyof CpuTasks

function fromPortable({ themeLabels, ...rest }: PortableReport): ProgressReport {
  return { ...rest, themeLabel: (id) => themeLabels[id] ?? id }
}
