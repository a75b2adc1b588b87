import type { RecordsRollup } from '../../shared/schemas/rollup.js'
import { ESCALATIONS, GG_ACTION_KINDS } from '../../shared/records.js'
import type { FactAggregates } from './facts/fact-rollup.js'
import { forumParent, forumTree } from './forum-tree.js'
import type { ItemLine } from './rollup.js'

/**
 * Roll-up questions 6–10, from the same pass over the facts as the rest of the roll-up
 * (server/rollup/facts/fact-rollup.ts): figures count every record of the hubs reviewed, lists
 * name only what the reader may read.
 *  6. forum coordination (2023 ¶4): records per forum, a parent forum counting its sub-forums' records;
 *  7. partnership coverage (2023 ¶5–7): records per partnership or dialogue, and in how many hubs;
 *  8. Global Gateway and Tech Business Offer actions (2025 ¶14, ¶25), by kind and status, each
 *     listed with its project and what it met (outcome or reason dropped: the obstacles);
 *  9. engagement by counterpart type (2023 ¶1, ¶14; 2025 ¶7): exchanges per counterpart;
 * 10. Member State contributions across all hubs (2025 ¶24): records each Member State led, wrote
 *     or took part in, and in how many of the hubs it is registered in.
 * Plus escalation of cross-cutting items (2025 ¶27), counted like the cross-cutting figures.
 */
export function recordsRollup(
  agg: FactAggregates,
  ggActions: { id: string; hubId: string; line: ItemLine }[],
  /** Member State embassies: in how many of the hubs reviewed each is registered. */
  registered: { code: string; hubs: number }[],
): RecordsRollup {
  const escalation = Object.fromEntries(ESCALATIONS.map((e) => [e, 0])) as RecordsRollup['escalation']
  for (const [e, n] of agg.escalation) if (e in escalation) escalation[e as keyof typeof escalation] += n
  return {
    forums: forumTree(agg.forums.map((r) => ({ forumId: r.id, parent: forumParent(r.id), exchanges: r.exchanges, actions: r.actions, hubs: r.hubs }))),
    partnerships: agg.partnerships.map((r) => ({ partnershipId: r.id, exchanges: r.exchanges, actions: r.actions, hubs: r.hubs })),
    globalGateway: {
      byKind: GG_ACTION_KINDS.map((kind) => {
        const s = agg.ggKinds.get(kind) ?? new Map<string, number>()
        return { actionKind: kind, planned: s.get('planned') ?? 0, in_progress: s.get('in_progress') ?? 0, done: s.get('done') ?? 0, dropped: s.get('dropped') ?? 0 }
      }),
      actions: ggActions.map(({ id, hubId, line }) => ({
        itemId: id, hubId, title: line.title, actionKind: line.action_kind!, ggProject: line.gg_project, status: line.status,
        obstacle: line.status === 'dropped' ? line.drop_reason : line.outcome,
      })),
    },
    counterparts: agg.counterparts.map((r) => ({ counterpart: r.id, exchanges: r.exchanges, hubs: r.hubs })),
    memberStates: registered.map((r) => ({
      mission: r.code, registeredHubs: r.hubs, activeHubs: agg.embassies.get(r.code)?.hubs ?? 0, records: agg.embassies.get(r.code)?.records ?? 0,
    })),
    escalation,
  }
}
