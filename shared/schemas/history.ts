import { z } from 'zod'
import { ID_PATTERN } from '../doc-names.js'
import { LOG_KINDS } from '../item-statuses.js'

/** `:doc` (a document name, URL-encoded as one segment; parsed by parseDocName). */
export const DocParams = z.object({ doc: z.string().max(200, 'must be at most 200 characters') })

/** `:doc/versions/:id` */
export const VersionParams = DocParams.extend({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'must be a version id')
    .transform(Number),
})

/** `:doc/deleted/:kind/:entryId` */
export const DeletedEntryParams = DocParams.extend({
  kind: z.enum(LOG_KINDS),
  entryId: z.string().regex(ID_PATTERN, 'must be 1–64 letters, digits, - or _'),
})
