import type { Hub, Mission } from '../../db/schema.js'
import type { FocalPointState, HubActivityRow } from '../../db/hub-repo.js'
import type {
  FocalPointView,
  HubActivityView,
  HubDetailView,
  HubSummaryView,
  MembershipSetView,
  MemberView,
  MissionView,
} from '../../../shared/schemas/hubs.js'
import { iso } from './iso.js'

/**
 * Hubs, missions and members: database rows (snake_case) → the API's views (camelCase). The
 * presenters under server/api/present are the only place the two meet.
 */

/** A mission of a hub. */
export function presentMission(m: Mission): MissionView {
  return { id: m.id, code: m.code, kind: m.kind, name: m.name, city: m.city }
}

/** A hub card; `activity` only when given (never for cyber ambassadors). */
export function presentHubSummary(h: Hub & { missions: Mission[] }, activity?: HubActivityRow): HubSummaryView {
  const summary: HubSummaryView = {
    id: h.id,
    name: h.name,
    country: h.country,
    countryName: h.country_name,
    region: h.region,
    city: h.city,
    missions: h.missions.map(presentMission),
  }
  return activity ? { ...summary, activity: presentHubActivity(activity) } : summary
}

/** A hub card's activity: the newest entry's instant in ISO form. */
export function presentHubActivity(a: HubActivityRow): HubActivityView {
  return {
    last30Days: a.last_30_days,
    latest: a.latest ? { title: a.latest.title, kind: a.latest.kind, at: iso(a.latest.created_at) } : null,
  }
}

export function presentHubDetail(
  h: Hub & { missions: Mission[] },
  members: {
    user_id: string
    name: string
    email: string
    mission_id: string
    code: string
    coordinator: boolean
  }[],
): HubDetailView {
  const memberViews: MemberView[] = members.map((m) => ({
    userId: m.user_id,
    name: m.name,
    email: m.email,
    missionId: m.mission_id,
    mission: m.code,
    coordinator: m.coordinator,
  }))
  const focal = memberViews.find((m) => m.userId === h.focal_point_user_id)
  return {
    ...presentHubSummary(h),
    members: memberViews,
    focalPoint: focal
      ? {
          userId: focal.userId,
          name: focal.name,
          trained: h.focal_point_trained,
          trainedOn: h.focal_point_trained_on,
          since: h.focal_point_since === null ? null : new Date(h.focal_point_since).toISOString(),
        }
      : null,
  }
}

/** What adding or moving a member answers: the membership as it now stands. */
export function presentMembershipSet(m: { user_id: string; hub_id: string; mission_id: string; code: string }): MembershipSetView {
  return { userId: m.user_id, hubId: m.hub_id, missionId: m.mission_id, mission: m.code }
}

/** What setting or clearing the focal point answers. */
export function presentFocalPoint(hubId: string, f: FocalPointState): FocalPointView {
  return { hubId, userId: f.userId, trained: f.trained, trainedOn: f.trainedOn, since: f.since === null ? null : new Date(f.since).toISOString() }
}
