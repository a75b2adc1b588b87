import type { Rollup } from './schemas/rollup.js'

/** Why a hub counts against the ¶15 target. */
export type FocalPointGap = { hubId: string; reason: 'none' } | { hubId: string; reason: 'untrained'; name: string }

/**
 * The Council's ¶15 target (2023): at least one trained digital-diplomacy official in every EU
 * delegation. Each hub is one delegation; its digital focal point is that official when trained.
 * The dashboard and the progress report both say it from this one computation.
 */
export function focalPointTraining(rollup: Pick<Rollup, 'focalPoints'>): { trained: number; total: number; gaps: FocalPointGap[] } {
  const gaps: FocalPointGap[] = []
  for (const f of rollup.focalPoints) {
    if (!f.hasFocalPoint) gaps.push({ hubId: f.hubId, reason: 'none' })
    else if (!f.trained) gaps.push({ hubId: f.hubId, reason: 'untrained', name: f.name ?? '' })
  }
  return { trained: rollup.focalPoints.length - gaps.length, total: rollup.focalPoints.length, gaps }
}

/** "EU delegations with a trained digital focal point: 9 / 12", the line both views print. */
export const focalPointTrainingLine = (t: { trained: number; total: number }) =>
  `EU delegations with a trained digital focal point: ${t.trained} / ${t.total}`

/** A gap in words: "Serbia (focal point Ana Novak not yet trained)", "Indonesia (no focal point)". */
export const focalPointGapText = (g: FocalPointGap, hubName: string) =>
  g.reason === 'none' ? `${hubName} (no focal point)` : `${hubName} (focal point ${g.name} not yet trained)`
