import { writeFileSync } from 'node:fs'
import { DEMO_USERS_FILE } from './seed.js'
import { demoUsers } from './demo-data.js'

/** Writes seeds/demo/users.json (CONTRACT §3) from the demo source: `npx tsx seeds/build-demo-users.ts`. */
const users = demoUsers().map((u) => ({
  email: u.email,
  password: u.password,
  name: u.name,
  role: u.role,
  memberships: u.memberships.map((m) => ({ hubId: m.hubId, mission: m.mission, coordinator: m.coordinator })),
}))
writeFileSync(DEMO_USERS_FILE, JSON.stringify(users, null, 2) + '\n')
console.log(`wrote ${users.length} demo accounts to ${DEMO_USERS_FILE}`)
