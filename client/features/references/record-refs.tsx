import type { Taxonomy } from '../../../shared/taxonomy'
import type { GgProjectView } from '../../../shared/schemas/references'
import { GgProjectLink, PartnershipLink } from './reference-links'

/** What names the links need: the taxonomy's partnerships and the Global Gateway projects. */
type Names = (Pick<Taxonomy, 'partnerships'> & { ggProjects?: Pick<GgProjectView, 'id' | 'name'>[] }) | null | undefined

export const partnershipName = (t: Names, id: string) => t?.partnerships.find((p) => p.id === id)?.label ?? id
export const ggProjectName = (t: Names, id: string) => t?.ggProjects?.find((g) => g.id === id)?.name ?? id

/**
 * A record's partnership and Global Gateway project as links to their pages (chips), wherever a
 * record shows them: the feed, the action table and side panel, the dashboard's drill-downs.
 */
export function RecordRefs({ partnership, ggProject, names, prefix = false }: { partnership: string | null; ggProject?: string | null; names: Names; prefix?: boolean }) {
  if (!partnership && !ggProject) return null
  return (
    <>
      {partnership && (
        <>
          {' '}
          <PartnershipLink id={partnership} label={(prefix ? 'Partnership: ' : '') + partnershipName(names, partnership)} />
        </>
      )}
      {ggProject && (
        <>
          {' '}
          <GgProjectLink id={ggProject} className="chip" label={(prefix ? 'Global Gateway: ' : '') + ggProjectName(names, ggProject)} />
        </>
      )}
    </>
  )
}
