import { Link } from '../../app/router'
import { ggProjectPath, partnershipPath } from './reference-api'

/**
 * A record's partnership or Global Gateway project, as a link to its page (which lists every record
 * linked to it that the reader may read). `label` is the name the caller already has.
 */
export function PartnershipLink({ id, label, className = 'chip' }: { id: string; label: string; className?: string }) {
  return (
    <Link to={partnershipPath(id)} className={className}>
      {label}
    </Link>
  )
}

export function GgProjectLink({ id, label, className }: { id: string; label: string; className?: string }) {
  return (
    <Link to={ggProjectPath(id)} className={className}>
      {label}
    </Link>
  )
}
