import { useApi } from '../../api/query'
import { entryPath } from '../../app/links'
import { canSeeHub, type AccessActor } from '../../../shared/access'
import type { ItemView } from '../../../shared/schemas/items'
import type { GgProjectView } from '../../../shared/schemas/references'
import type { Partnership } from '../../../shared/taxonomy'
import type { GgStage } from '../../../shared/records'
import { t, type MessageId } from '../../i18n/intl'

/**
 * The reference entities as the client reads them: partnerships and dialogues (the taxonomy's)
 * and Global Gateway projects (the database's), each with the records linked to it across the
 * hubs the reader may read (the API filters; nothing here widens it).
 */

export const referencesPath = '/references'
export const partnershipPath = (id: string) => `/partnerships/${encodeURIComponent(id)}`
export const ggProjectPath = (id: string) => `/gg-projects/${encodeURIComponent(id)}`

export interface PartnershipDetail {
  partnership: Partnership
  items: ItemView[]
}
export interface GgProjectDetail {
  project: GgProjectView
  items: ItemView[]
}

export const usePartnership = (id: string) => useApi<PartnershipDetail>(`/api/partnerships/${encodeURIComponent(id)}`)
export const useGgProject = (id: string) => useApi<GgProjectDetail>(`/api/gg-projects/${encodeURIComponent(id)}`)
export const useGgProjects = () => useApi<GgProjectView[]>('/api/gg-projects')

/** A Global Gateway project's stage in the interface language. */
export const stageLabel = (stage: GgStage): string => t(`refs.stage.${stage}`)

/** The partnership types of the taxonomy, each with its message (`refs.type.<type>`). */
const PARTNERSHIP_TYPES = [
  'dialogue', 'digital_alliance', 'digital_economy_package', 'digital_partnership', 'digital_trade', 'network', 'regional_agenda', 'trade_and_technology_council',
] as const

/**
 * How a partnership's type reads in the interface language; a type the client does not know yet
 * reads from its id (`digital_partnership` → "Digital partnership").
 */
export const partnershipTypeLabel = (type: string): string => {
  if ((PARTNERSHIP_TYPES as readonly string[]).includes(type)) return t(`refs.type.${type}` as MessageId)
  const s = type.replaceAll('_', ' ')
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/**
 * Where a linked record opens: its entry in its hub's tab; for a reader who cannot open the hub
 * (a cyber ambassador reading a cross-cutting item), its thread on the cross-cutting board.
 */
export function recordPath(me: AccessActor, i: Pick<ItemView, 'id' | 'hubId' | 'kind' | 'entryId' | 'crossCutting'>): string | null {
  if (canSeeHub(me, i.hubId)) return entryPath(i.hubId, i.kind, i.entryId)
  if (i.crossCutting) return `/cross-cutting?${new URLSearchParams({ thread: i.id })}`
  return null
}

/** Records grouped by hub, hubs in the order of their first (newest) record. */
export function byHub(items: ItemView[]): [string, ItemView[]][] {
  const groups = new Map<string, ItemView[]>()
  for (const i of items) (groups.get(i.hubId) ?? groups.set(i.hubId, []).get(i.hubId)!).push(i)
  return [...groups]
}
