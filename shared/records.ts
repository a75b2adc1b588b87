/**
 * The Council's vocabulary for structured records (exchange types, counterparts, action kinds,
 * escalation targets, Global Gateway stages), defined once for the log helpers, the projection,
 * the API schemas, the roll-up and the client's pickers. Ids are the domain taxonomy's enumerations.
 */

/** What an information exchange was. */
export const EXCHANGE_TYPES = ['hub_meeting', 'partner_gov_contact', 'stakeholder_meeting', 'event_readout', 'forum_prep'] as const
export type ExchangeType = (typeof EXCHANGE_TYPES)[number]

/** Who the missions met (2023 ¶1, ¶14; 2025 ¶7). */
export const COUNTERPARTS = ['government', 'industry', 'civil_society', 'academia', 'international_org'] as const
export type Counterpart = (typeof COUNTERPARTS)[number]

/** What an action does. */
export const ACTION_KINDS = [
  'demarche_outreach', 'joint_statement_event', 'capacity_building', 'forum_coordination', 'candidature_support',
  'gg_project_support', 'tech_business_offer', 'industry_dialogue', 'internal_coordination', 'hub_capacity',
] as const
export type ActionKind = (typeof ACTION_KINDS)[number]

/** Action kinds the Global Gateway / Tech Business Offer question counts (2025 ¶14, ¶25). */
export const GG_ACTION_KINDS = ['gg_project_support', 'tech_business_offer'] as const satisfies readonly ActionKind[]

/** Where a cross-cutting item is escalated to (2025 ¶27); set by the hub's coordinators. */
export const ESCALATIONS = ['none', 'digital_diplomacy_network', 'cyber_ambassadors_network', 'psc'] as const
export type Escalation = (typeof ESCALATIONS)[number]

/** Stages of a Global Gateway project. */
export const GG_STAGES = ['announced', 'preparation', 'implementation', 'completed'] as const
export type GgStage = (typeof GG_STAGES)[number]

export const EXCHANGE_TYPE_LABELS: Record<ExchangeType, string> = {
  hub_meeting: 'Hub meeting',
  partner_gov_contact: 'Contact with the partner government',
  stakeholder_meeting: 'Stakeholder meeting',
  event_readout: 'Event read-out',
  forum_prep: 'Forum preparation',
}

export const COUNTERPART_LABELS: Record<Counterpart, string> = {
  government: 'Partner government',
  industry: 'Industry',
  civil_society: 'Civil society',
  academia: 'Academia and research',
  international_org: 'International organisation',
}

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  demarche_outreach: 'Démarche or outreach',
  joint_statement_event: 'Joint statement or event',
  capacity_building: 'Capacity building',
  forum_coordination: 'Forum coordination',
  candidature_support: 'Candidature support',
  gg_project_support: 'Global Gateway project support',
  tech_business_offer: 'Tech Business Offer',
  industry_dialogue: 'Industry dialogue',
  internal_coordination: 'Internal coordination',
  hub_capacity: 'Hub capacity',
}

export const ESCALATION_LABELS: Record<Escalation, string> = {
  none: 'Not escalated',
  digital_diplomacy_network: 'Digital diplomacy network',
  cyber_ambassadors_network: "Cyber ambassadors' network",
  psc: 'Political and Security Committee',
}

/** A status change as the server records it in an action's `statusHistory`. */
export interface StatusChangeView {
  at: string
  by: string
  from: string | null
  to: string
}

/**
 * Whether a status change reopens a closed action (done or dropped → anything else): only the
 * hub's coordinators (and admins) may.
 */
export const isReopening = (from: string | null | undefined, to: string) => (from === 'done' || from === 'dropped') && to !== from
