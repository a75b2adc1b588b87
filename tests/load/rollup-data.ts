/** The roll-up benchmarks' data: hubs, missions and items generated in SQL (rollup-bench.ts, rollup-breakdown.ts). */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.js'

export const THEMES = ['ai', 'connectivity', 'connectivity.submarine-cables', 'cybersecurity', 'dpi', 'dpi.digital-identity', 'fimi', 'semiconductors', 'quantum', 'global-gateway']
const WORDS = ['Zusammenarbeit', 'données', 'protezione', 'connectivity', 'ministry', 'workshop', 'cables', 'cybersécurité', 'datos', 'identity']

/** 150 hubs × 2,000 items (by default) straight into the projection, as the projection would derive them. */
export async function generate(db: Kysely<Database>, HUBS: number, PER_HUB: number): Promise<void> {
  await sql`insert into hubs (id, name, country, country_name, region)
    select 'bh-' || g, 'Bench hub ' || g, 'XX', 'Benchland ' || g, (array['Africa','Asia','Americas','Europe'])[1 + g % 4]
    from generate_series(1, ${HUBS}) g`.execute(db)
  await sql`insert into missions (id, hub_id, code, kind, name)
    select 'bh-' || g || '-' || c, 'bh-' || g, c, case when c = 'EU' then 'eu_delegation' else 'ms_embassy' end, c
    from generate_series(1, ${HUBS}) g, unnest(array['EU','DE','FR','IT','NL','PL']) c`.execute(db)
  await sql`insert into items (id, hub_id, kind, entry_id, title, body, themes, mission, missions, lead_mission,
      created_at, updated_at, status, due, cross_cutting, input_status, input_requested_at)
    select 'bh-' || h || ':' || k || ':' || i, 'bh-' || h, k, 'e' || i,
      'Item ' || i || ' ' || (${sql.val(WORDS)}::text[])[1 + i % 10],
      'Body of item ' || i || ' about ' || (${sql.val(WORDS)}::text[])[1 + (i * 7) % 10] || ' and ' || (${sql.val(WORDS)}::text[])[1 + (i * 3) % 10],
      array[(${sql.val(THEMES)}::text[])[1 + i % 10], (${sql.val(THEMES)}::text[])[1 + (i * 7) % 10]],
      (array['EU','DE','FR','IT','NL','PL'])[1 + i % 6], array[(array['EU','DE','FR','IT','NL','PL'])[1 + (i * 5) % 6]],
      (array['EU','DE','FR','IT','NL','PL'])[1 + i % 6],
      now() - ((i % 700) || ' days')::interval, now() - ((i % 300) || ' days')::interval,
      case when k = 'action' then (array['planned','in_progress','done','dropped'])[1 + i % 4] end,
      case when k = 'action' then (current_date + (i % 200) - 100) end,
      i % 40 = 0, case when i % 40 = 0 then (array['open','awaiting_input','input_provided','resolved'])[1 + i % 4] end,
      case when i % 40 = 0 then now() - ((i % 90) || ' days')::interval end
    from generate_series(1, ${HUBS}) h, generate_series(1, ${PER_HUB}) i, lateral (select case when i % 2 = 0 then 'exchange' else 'action' end as k) kk`.execute(db)
  // The columns the projection derives (server/projection/log-items.ts).
  await sql`update items set
      top_themes = array(select distinct split_part(t, '.', 1) from unnest(themes) t),
      participants = array(select distinct m from unnest(array[mission, lead_mission] || missions) m where m is not null),
      active_from = created_at::date,
      active_to = case when kind = 'exchange' then created_at::date
                       when status = 'done' then updated_at::date
                       when status = 'dropped' then updated_at::date
                       else '9999-12-31'::date end`.execute(db)
  await sql`analyze`.execute(db)
}

