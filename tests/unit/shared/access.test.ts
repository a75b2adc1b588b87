import { describe, expect, it } from 'vitest'
import {
  canAdminister,
  canComment,
  canEditHubDocs,
  canGenerateReport,
  canManageMembers,
  canRequestInput,
  canResolveThread,
  decide,
  membershipOf,
  readScope,
  type AccessActor,
  type Actor,
  type Resource,
} from '../../../shared/access.js'
import type { MeView } from '../../../shared/schemas/auth.js'
import { parseDocName } from '../../../shared/doc-names.js'
import type { Permission } from '../../../shared/roles.js'

const OWN = 'hub-own'
const OTHER = 'hub-other'

const actor = (role: Actor['role'], membership?: { coordinator: boolean }): Actor => ({
  id: 'u',
  email: 'u@test.example',
  name: 'U',
  role,
  memberships: membership
    ? [{ hubId: OWN, missionId: `${OWN}-de`, mission: 'DE', coordinator: membership.coordinator }]
    : [],
})

const ACTORS = {
  staff: actor('staff', { coordinator: false }),
  coordinator: actor('staff', { coordinator: true }),
  'staff without hubs': actor('staff'),
  hq: actor('hq'),
  cyber: actor('cyber'),
  admin: actor('admin'),
}
type Who = keyof typeof ACTORS

const doc = (name: string) => ({ kind: 'doc', doc: parseDocName(name)! }) as Resource

/** Every resource kind, on the actor's own hub and on another hub where that applies. */
const RESOURCES: Record<string, Resource> = {
  'hub (own)': { kind: 'hub', hubId: OWN },
  'hub (other)': { kind: 'hub', hubId: OTHER },
  'hub-members (own)': { kind: 'hub-members', hubId: OWN },
  'hub-members (other)': { kind: 'hub-members', hubId: OTHER },
  'brief (own)': doc(`hub/${OWN}/brief`),
  'brief (other)': doc(`hub/${OTHER}/brief`),
  'log (own)': doc(`hub/${OWN}/log`),
  'log (other)': doc(`hub/${OTHER}/log`),
  'note (own)': doc(`hub/${OWN}/notes/n1`),
  'note (other)': doc(`hub/${OTHER}/notes/n1`),
  'item (own)': { kind: 'item', hubId: OWN, crossCutting: false, scope: 'hq' },
  'item (other)': { kind: 'item', hubId: OTHER, crossCutting: false, scope: 'hq' },
  'cross-cutting item (own)': { kind: 'item', hubId: OWN, crossCutting: true, scope: 'hq' },
  'cross-cutting item (other)': { kind: 'item', hubId: OTHER, crossCutting: true, scope: 'hq' },
  'hub-only log (own)': doc(`hub/${OWN}/log/hub`),
  'hub-only log (other)': doc(`hub/${OTHER}/log/hub`),
  'hub-only note (own)': { kind: 'doc', doc: parseDocName(`hub/${OWN}/notes/n2`)!, scope: 'hub' },
  'network note (other)': { kind: 'doc', doc: parseDocName(`hub/${OTHER}/notes/n3`)!, scope: 'network' },
  'hub-only cross-cutting item (own)': { kind: 'item', hubId: OWN, crossCutting: true, scope: 'hub' },
  'hub-only cross-cutting item (other)': { kind: 'item', hubId: OTHER, crossCutting: true, scope: 'hub' },
  'network item (other)': { kind: 'item', hubId: OTHER, crossCutting: false, scope: 'network' },
  rollup: { kind: 'rollup' },
  report: { kind: 'report' },
  admin: { kind: 'admin' },
}

// prettier-ignore
/** The access table, written out: columns follow ACTORS' order. */
const EXPECTED: Record<string, [Permission, Permission, Permission, Permission, Permission, Permission]> = {
  //                              staff      coordinator staff-no-hub hq         cyber      admin
  'hub (own)':                  ['write',   'write',    'none',      'read',    'read',    'write'],
  'hub (other)':                ['none',    'none',     'none',      'read',    'read',    'write'],
  'hub-members (own)':          ['read',    'write',    'none',      'read',    'read',    'write'],
  'hub-members (other)':        ['none',    'none',     'none',      'read',    'read',    'write'],
  'brief (own)':                ['write',   'write',    'none',      'read',    'none',    'write'],
  'brief (other)':              ['none',    'none',     'none',      'read',    'none',    'write'],
  'log (own)':                  ['write',   'write',    'none',      'read',    'none',    'write'],
  'log (other)':                ['none',    'none',     'none',      'read',    'none',    'write'],
  'note (own)':                 ['write',   'write',    'none',      'read',    'none',    'write'],
  'note (other)':               ['none',    'none',     'none',      'read',    'none',    'write'],
  'item (own)':                 ['comment', 'comment',  'none',      'comment', 'none',    'comment'],
  'item (other)':               ['none',    'none',     'none',      'comment', 'none',    'comment'],
  'cross-cutting item (own)':   ['comment', 'comment',  'none',      'comment', 'comment', 'comment'],
  'cross-cutting item (other)': ['none',    'none',     'none',      'comment', 'comment', 'comment'],
  'hub-only log (own)':         ['write',   'write',    'none',      'none',    'none',    'write'],
  'hub-only log (other)':       ['none',    'none',     'none',      'none',    'none',    'write'],
  'hub-only note (own)':        ['write',   'write',    'none',      'none',    'none',    'write'],
  // Network content reaches others as items and search hits, never as the document itself.
  'network note (other)':       ['none',    'none',     'none',      'read',    'none',    'write'],
  'hub-only cross-cutting item (own)':   ['comment', 'comment', 'none', 'none', 'none', 'comment'],
  'hub-only cross-cutting item (other)': ['none',    'none',    'none', 'none', 'none', 'comment'],
  'network item (other)':       ['comment', 'comment',  'comment',   'comment', 'comment', 'comment'],
  rollup:                       ['read',    'read',     'read',      'read',    'read',    'read'],
  report:                       ['none',    'none',     'none',      'read',    'none',    'read'],
  admin:                        ['none',    'none',     'none',      'none',    'none',    'write'],
}

describe('access: decide(role × resource × own/other hub)', () => {
  const who = Object.keys(ACTORS) as Who[]
  for (const [resourceName, expected] of Object.entries(EXPECTED)) {
    who.forEach((w, i) => {
      it(`${w} on ${resourceName} → ${expected[i]}`, () => {
        expect(decide(ACTORS[w], RESOURCES[resourceName])).toBe(expected[i])
      })
    })
  }

  it('covers every resource kind', () => {
    const kinds = new Set(Object.values(RESOURCES).map((r) => r.kind))
    expect([...kinds].sort()).toEqual(['admin', 'doc', 'hub', 'hub-members', 'item', 'report', 'rollup'])
  })
})

describe('access: readScope', () => {
  it('gives staff their hubs, cyber the cross-cutting view, hq and admin everything', () => {
    expect(readScope(ACTORS.staff)).toEqual({ kind: 'hubs', hubIds: [OWN] })
    expect(readScope(ACTORS['staff without hubs'])).toEqual({ kind: 'hubs', hubIds: [] })
    expect(readScope(ACTORS.cyber)).toEqual({ kind: 'cross-cutting' })
    expect(readScope(ACTORS.hq)).toEqual({ kind: 'all' })
    expect(readScope(ACTORS.admin)).toEqual({ kind: 'all' })
  })
})

/** Runs `check` for every actor, in ACTORS' order. */
const each = (check: (a: Actor) => boolean) => (Object.keys(ACTORS) as Who[]).map((w) => check(ACTORS[w]))

describe('access: the helpers the client and the services ask', () => {
  //                     staff  coordinator staff-no-hub hq     cyber  admin
  it('canManageMembers: the hub’s coordinators and admins', () => {
    expect(each((a) => canManageMembers(a, OWN))).toEqual([false, true, false, false, false, true])
    expect(each((a) => canManageMembers(a, OTHER))).toEqual([false, false, false, false, false, true])
  })

  it('canEditHubDocs: the hub’s members and admins, the same as every document of the hub', () => {
    expect(each((a) => canEditHubDocs(a, OWN))).toEqual([true, true, false, false, false, true])
    expect(each((a) => canEditHubDocs(a, OTHER))).toEqual([false, false, false, false, false, true])
    for (const name of [`hub/${OWN}/brief`, `hub/${OWN}/log`, `hub/${OWN}/notes/n1`]) {
      expect(each((a) => decide(a, doc(name)) === 'write')).toEqual(each((a) => canEditHubDocs(a, OWN)))
    }
  })

  it('canComment: as the item resource decides', () => {
    expect(each((a) => canComment(a, { hubId: OWN, crossCutting: false, scope: 'hq' }))).toEqual([true, true, false, true, false, true])
    expect(each((a) => canComment(a, { hubId: OTHER, crossCutting: false, scope: 'hq' }))).toEqual([false, false, false, true, false, true])
    expect(each((a) => canComment(a, { hubId: OTHER, crossCutting: true, scope: 'hq' }))).toEqual([false, false, false, true, true, true])
    expect(each((a) => canComment(a, { hubId: OTHER, crossCutting: true, scope: 'hub' }))).toEqual([false, false, false, false, false, true])
    expect(each((a) => canComment(a, { hubId: OTHER, crossCutting: false, scope: 'network' }))).toEqual([true, true, true, true, true, true])
  })

  it('canAdminister and canGenerateReport', () => {
    expect(each(canAdminister)).toEqual([false, false, false, false, false, true])
    expect(each(canGenerateReport)).toEqual([false, false, false, true, false, true])
  })

  it('canRequestInput: members of the item’s hub and admins', () => {
    expect(each((a) => canRequestInput(a, OWN))).toEqual([true, true, false, false, false, true])
    expect(each((a) => canRequestInput(a, OTHER))).toEqual([false, false, false, false, false, true])
  })

  it('canResolveThread: the hub’s coordinators, whoever asked for input while still a member, admins', () => {
    expect(each((a) => canResolveThread(a, OWN, null))).toEqual([false, true, false, false, false, true])
    expect(each((a) => canResolveThread(a, OWN, 'someone else'))).toEqual([false, true, false, false, false, true])
    expect(each((a) => canResolveThread(a, OWN, a.id))).toEqual([true, true, false, false, false, true])
    // Having asked once grants nothing to someone no longer in the hub (a removed member).
    expect(each((a) => canResolveThread(a, OTHER, a.id))).toEqual([false, false, false, false, false, true])
  })

  it('takes what /api/me answers as the actor', () => {
    const me: MeView = { id: 'u', email: 'u@test.example', name: 'U', role: 'staff', roles: ['staff'], memberships: [{ hubId: OWN, mission: 'DE', coordinator: true }], language: null }
    const actor: AccessActor = me
    expect(canManageMembers(actor, OWN)).toBe(true)
    expect(canEditHubDocs(me, OTHER)).toBe(false)
    expect(membershipOf(me, OWN)?.mission).toBe('DE')
    expect(membershipOf(me, OTHER)).toBeUndefined()
  })
})
