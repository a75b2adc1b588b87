import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { openTestApp, type TestApp } from '../support/test-app.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { client } from '../support/http.js'

const CAST = defineCast({ hubs: { hub: { missions: ['FR'] } }, users: { ines: { hub: 'hub', mission: 'FR' }, other: { hub: 'hub', mission: 'FR' } } })

/** The language of one's own interface, mails and report: chosen in the account, kept by the server. */
for (const engine of ENGINES) {
  describe(`${engine}: the interface language of an account`, () => {
    let t: TestApp
    let cast: CastOf<typeof CAST>
    beforeAll(async () => {
      t = await openTestApp(engine)
      cast = await createCast(t.db.db, CAST)
    })
    afterAll(() => t?.close())

    it('is not chosen at first, is kept once chosen, and can follow the browser again', async () => {
      const ines = client(t.fetch, t.origin, cast.cookies.ines)
      expect((await ines.request('GET', '/api/me')).body.language).toBeNull()

      const chosen = await ines.request('PUT', '/api/me/language', { language: 'fr' })
      expect(chosen.status).toBe(200)
      expect(chosen.body).toMatchObject({ id: cast.ids.ines, language: 'fr' })
      expect((await ines.request('GET', '/api/me')).body.language).toBe('fr')
      // One's own choice only: a colleague's interface stays as it was.
      expect((await client(t.fetch, t.origin, cast.cookies.other).request('GET', '/api/me')).body.language).toBeNull()

      expect((await ines.request('PUT', '/api/me/language', { language: null })).body.language).toBeNull()
      expect((await ines.request('GET', '/api/me')).body.language).toBeNull()
    })

    it('refuses a language the interface does not have, in the error shape, and keeps the choice', async () => {
      const ines = client(t.fetch, t.origin, cast.cookies.ines)
      await ines.request('PUT', '/api/me/language', { language: 'it' })
      for (const body of [{ language: 'de' }, { language: 'FR' }, {}, { language: 3 }]) {
        const refused = await ines.request('PUT', '/api/me/language', body)
        expect(refused.status).toBe(400)
        expect(refused.body.error.code).toBe('invalid_input')
      }
      expect((await ines.request('GET', '/api/me')).body.language).toBe('it')
      expect((await client(t.fetch, t.origin, null).request('PUT', '/api/me/language', { language: 'fr' })).status).toBe(401)
    })
  })
}
