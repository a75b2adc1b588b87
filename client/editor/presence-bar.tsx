import { useEffect, useState } from 'react'
import type { OpenDoc } from '../sync/provider'
import { useT } from '../i18n/provider'

interface Person {
  clientId: number
  name: string
  mission: string
  color: string
}

/** Who is here: names and missions as the server stamped them, never as a client claimed. */
export function PresenceBar({ open }: { open: OpenDoc | null }) {
  const t = useT()
  const [people, setPeople] = useState<Person[]>([])
  useEffect(() => {
    if (!open) return
    const awareness = open.provider.awareness
    const read = () => {
      const list: Person[] = []
      awareness.getStates().forEach((state, clientId) => {
        const user = state.user as { name?: string; mission?: string } | undefined
        if (user?.name) list.push({ clientId, name: user.name, mission: user.mission ?? '', color: String(state.color ?? '#555') })
      })
      setPeople(list)
    }
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [open])
  return (
    <ul className="presence" aria-label={t('editor.people')}>
      {people.map((p) => (
        <li key={p.clientId} title={`${p.name} (${p.mission})`}>
          <span className="dot" style={{ background: p.color }} aria-hidden="true" />
          {p.name} <span className="muted">{p.mission}</span>
        </li>
      ))}
    </ul>
  )
}
