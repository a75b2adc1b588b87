import type { Taxonomy } from '../../../shared/taxonomy'
import type { GgProjectView } from '../../../shared/schemas/references'
import { GgProjectLink, PartnershipLink } from './reference-links'
import { useT } from '../../i18n/provider'

/** What names the links need: the taxonomy's partnerships and the Global Gateway projects. */
type Names = (Pick<Taxonomy, 'partnerships'> & { ggProjects?: Pick<GgProjectView, 'id' | 'name'>[] }) | null | undefined

export const partnershipName = (t: Names, id: string) => t?.partnerships.find((p) => p.id === id)?.label ?? id
export const ggProjectName = (t: Names, id: string) => t?.ggProjects?.find((g) => g.id === id)?.name ?? id

/**
 * A record's partnership and Global Gateway project as links to their pages (chips), wherever a
 * record shows them: the feed, the action table and side panel, the dashboard's drill-downs.
 */
export function RecordRefs({ partnership, ggProject, names, prefix = false }: { partnership: string | null; ggProject?: string | null; names: Names; prefix?: boolean }) {
  const t = useT()
  if (!partnership && !ggProject) return null
  const partnershipText = (name: string) => (prefix ? t('refs.partnershipPrefix', { name }) : name)
  const ggText = (name: string) => (prefix ? t('refs.ggPrefix', { name }) : name)
  return (
    <>
      {partnership && (
        <>
          {' '}
          <PartnershipLink id={partnership} label={partnershipText(partnershipName(names, partnership))} />
        </>
      )}
      {ggProject && (
        <>
          {' '}
          <GgProjectLink id={ggProject} className="chip" label={ggText(ggProjectName(names, ggProject))} />
        </>
      )}
    </>
  )
}
