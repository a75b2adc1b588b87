/** What `npm run bench` writes to bench/results/*.json (read back by bench-median.ts). */
import type { PointResult } from './load.js'
import type { CommitFloor } from './commit-floor.js'
import type { ColdLoad } from './sync-bench.js'
import type { LagResult } from './projection-lag.js'
import type { RollupBench } from './rollup-bench.js'
import type { ClientWeight } from './client-weight.js'
import type { LongDocResult } from './long-doc-bench.js'

/** The sections `--only=` names, in the order they run. */
export const SECTION_NAMES = ['weight', 'sync', 'lag', 'rollup', 'longdoc'] as const
export type SectionName = (typeof SECTION_NAMES)[number]

/** One run's figures; a section not run leaves its fields null (files of older runs lack the new ones). */
export interface BenchFile {
  at: string
  machine: { cpus: number; node: string }
  quick?: boolean
  seconds: number
  sections?: SectionName[]
  /** Wall time of each section, s (sync and lag share their run: it is counted under the first). */
  durations?: Partial<Record<SectionName, number>>
  /** Sync load points, both servers. */
  results: PointResult[]
  floor: CommitFloor | null
  coldLoad: ColdLoad | null
  /** Target 5, projection lag. */
  lag?: LagResult | null
  /** Target 3, roll-up. */
  rollup?: RollupBench | null
  /** Target 6, client weight. */
  weight?: ClientWeight | null
  /** Target 4, long documents (browser). */
  longDoc?: LongDocResult | null
}
