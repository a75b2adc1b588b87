import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { can, canAdminister, canReviewBriefs, canSubmitBrief } from '../../shared/access.js'
import { briefDocName, parseDocName } from '../../shared/doc-names.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError } from '../errors.js'
import { findHub } from '../db/hub-repo.js'
import { createPeriod, findPeriod, listPeriods, lockPeriod } from '../periods/period-store.js'
import { briefCompliance, findBrief, frozenBrief, listBriefs, reviewBrief, submitBrief, type BriefRow } from '../periods/brief-cycle.js'
import { announceBriefStep } from '../periods/brief-notices.js'
import { AcknowledgeInput, BriefParams, PeriodInput, PeriodParams, ReturnInput } from '../../shared/schemas/periods.js'
import { HubParams } from '../../shared/schemas/common.js'
import { presentBrief, presentCompliance, presentFrozenBrief, presentPeriod } from './present/periods.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'

/** `/api/periods`: reporting periods (admins create and lock them) and, for HQ, every hub's brief per period. */
export const periods = new Hono<AppEnv>()
  .get('/', async (c) => {
    requireActor(c)
    return c.json((await listPeriods(c.var.db)).map(presentPeriod))
  })
  .post('/', validate('json', PeriodInput), async (c) => {
    const actor = requireActor(c)
    if (!canAdminister(actor)) throw new ForbiddenError('only administrators create reporting periods')
    const input = c.req.valid('json')
    await createPeriod(c.var.db, input)
    await audit(c, { action: 'period.created', target: { type: 'period', id: input.id }, details: { start: input.start, end: input.end, briefDue: input.briefDue } })
    return c.json(presentPeriod(await findPeriod(c.var.db, input.id)), 201)
  })
  .post('/:id/lock', validate('param', PeriodParams), async (c) => {
    const actor = requireActor(c)
    if (!canAdminister(actor)) throw new ForbiddenError('only administrators lock reporting periods')
    const { id } = c.req.valid('param')
    await lockPeriod(c.var.db, id, actor.id)
    // Every cached roll-up of this period was computed from the live projection.
    c.var.deps.services.live.rollupsStale()
    await audit(c, { action: 'period.locked', target: { type: 'period', id } })
    return c.json(presentPeriod(await findPeriod(c.var.db, id)))
  })
  .get('/:id/briefs', validate('param', PeriodParams), async (c) => {
    const actor = requireActor(c)
    if (!canReviewBriefs(actor)) throw new ForbiddenError("only HQ and administrators follow every hub's brief")
    return c.json((await briefCompliance(c.var.db, c.req.valid('param').id)).map(presentCompliance))
  })

/** The brief of a hub is read by whoever may read the hub's brief document. */
async function mayReadBriefs(c: { var: AppEnv['Variables'] }, hubId: string): Promise<void> {
  const actor = c.var.actor!
  await findHub(c.var.db, hubId)
  if (!can(actor, { kind: 'doc', doc: parseDocName(briefDocName(hubId))! }, 'read')) throw new ForbiddenError("you may not read this hub's brief")
}

/** Tells the people concerned of the step just taken (inbox and live): see brief-notices.ts. */
async function announce(c: { var: AppEnv['Variables'] }, hubId: string, brief: BriefRow, previous: BriefRow['status']): Promise<void> {
  if (brief.status === 'draft') return
  await announceBriefStep(c.var.db, c.var.deps.services.comments.live, { hubId, periodId: brief.period_id, status: brief.status, previous, actorId: c.var.actor!.id, note: brief.note })
}

/** `/api/hubs/:hubId/briefs…`: a hub's brief per period — submitted by its coordinators, answered by HQ. */
export const hubBriefs = new Hono<AppEnv>()
  .get('/:hubId/briefs', validate('param', HubParams), async (c) => {
    requireActor(c)
    const { hubId } = c.req.valid('param')
    await mayReadBriefs(c, hubId)
    return c.json((await listBriefs(c.var.db, hubId)).map(presentBrief))
  })
  .get('/:hubId/briefs/:periodId', validate('param', BriefParams), async (c) => {
    requireActor(c)
    const { hubId, periodId } = c.req.valid('param')
    await mayReadBriefs(c, hubId)
    const { row, text, state } = await frozenBrief(c.var.db, hubId, periodId)
    return c.json(presentFrozenBrief(row, text, state))
  })
  .post('/:hubId/briefs/:periodId/submit', validate('param', BriefParams), async (c) => {
    const actor = requireActor(c)
    const { hubId, periodId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    if (!canSubmitBrief(actor, hubId)) throw new ForbiddenError("only the hub's coordinators submit its brief")
    const previous = (await findBrief(c.var.db, hubId, periodId)).status
    const brief = await submitBrief(c.var.db, c.var.deps.services.collab, hubId, periodId, actor.id)
    await audit(c, { action: 'brief.submitted', target: { type: 'brief', id: `${hubId}/${periodId}` }, hubId, details: { versionId: brief.version_id } })
    await announce(c, hubId, brief, previous)
    return c.json(presentBrief(brief))
  })
  .post('/:hubId/briefs/:periodId/acknowledge', validate('param', BriefParams), validate('json', AcknowledgeInput), async (c) => {
    const actor = requireActor(c)
    const { hubId, periodId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    if (!canReviewBriefs(actor)) throw new ForbiddenError('only HQ acknowledges briefs')
    const brief = await reviewBrief(c.var.db, hubId, periodId, 'acknowledged', actor.id, c.req.valid('json').note ?? null)
    await audit(c, { action: 'brief.acknowledged', target: { type: 'brief', id: `${hubId}/${periodId}` }, hubId })
    await announce(c, hubId, brief, 'submitted')
    return c.json(presentBrief(brief))
  })
  .post('/:hubId/briefs/:periodId/return', validate('param', BriefParams), validate('json', ReturnInput), async (c) => {
    const actor = requireActor(c)
    const { hubId, periodId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    if (!canReviewBriefs(actor)) throw new ForbiddenError('only HQ returns briefs')
    const brief = await reviewBrief(c.var.db, hubId, periodId, 'returned', actor.id, c.req.valid('json').note)
    await audit(c, { action: 'brief.returned', target: { type: 'brief', id: `${hubId}/${periodId}` }, hubId })
    await announce(c, hubId, brief, 'submitted')
    return c.json(presentBrief(brief))
  })
