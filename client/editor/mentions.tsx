import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { $createTextNode, type TextNode } from 'lexical'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { LexicalTypeaheadMenuPlugin, MenuOption, useBasicTypeaheadTriggerMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin'
import { $createMentionNode, setMentionView } from '../../shared/editor/mention-node'
import type { MentionPersonView } from '../../shared/schemas/doc-threads'
import { request } from '../api/request'
import { useT } from '../i18n/provider'

/**
 * Mentions in the brief and notes: "@" and a few letters open a list of the people who may read
 * the document (the server answers: /api/docs/:doc/people), navigable with the arrow keys, Enter
 * picks, Escape closes. The pick becomes a mention node carrying the user id only; it shows the
 * person's name as the server knows it. The server tells the person (server/mentions).
 */

/** Names of people by id, per document, shared by the list and the mentions shown. */
class NameStore {
  private readonly names = new Map<string, string | null>()
  private readonly listeners = new Set<() => void>()
  private asked = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly docName: string) {}

  subscribe = (cb: () => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** A person's name; undefined while asked for, null when the server names no reader of the document. */
  get(id: string): string | null | undefined {
    if (!this.names.has(id) && !this.asked.has(id)) this.ask(id)
    return this.names.get(id)
  }

  learn(people: MentionPersonView[]): void {
    for (const p of people) this.names.set(p.id, p.name)
    this.emit()
  }

  private ask(id: string): void {
    this.asked.add(id)
    // Mentions shown together are named in one request.
    this.timer ??= setTimeout(() => {
      this.timer = null
      const ids = [...this.asked].filter((x) => !this.names.has(x)).slice(0, 50)
      if (ids.length === 0) return
      request<MentionPersonView[]>('GET', `/api/docs/${encodeURIComponent(this.docName)}/people?ids=${ids.map(encodeURIComponent).join(',')}`).then(
        (people) => {
          for (const x of ids) if (!people.some((p) => p.id === x)) this.names.set(x, null)
          this.learn(people)
        },
        () => {
          for (const x of ids) this.asked.delete(x)
        },
      )
    }, 30)
  }

  private emit() {
    for (const l of this.listeners) l()
  }
}

const NamesContext = createContext<NameStore | null>(null)

/** Provides the names of mentions in one document. */
export function MentionNames({ docName, children }: { docName: string; children: ReactNode }) {
  const store = useMemo(() => new NameStore(docName), [docName])
  return <NamesContext.Provider value={store}>{children}</NamesContext.Provider>
}

/** A mention as shown in the editor: "@Name" (a person who may not read the document: "@…"). */
function Mention({ userId }: { userId: string }) {
  const store = useContext(NamesContext)
  const t = useT()
  const name = useSyncExternalStore(store?.subscribe ?? noSubscribe, () => store?.get(userId))
  return (
    <span className="mention-name" data-testid="mention" title={name ? undefined : t('editor.mention.unknown')}>
      @{name ?? '…'}
    </span>
  )
}

const noSubscribe = () => () => {}

setMentionView((userId) => <Mention userId={userId} />)

class PersonOption extends MenuOption {
  constructor(readonly person: MentionPersonView) {
    super(person.id)
  }
}

/** The typeahead: only for those who may edit (readers see mentions, they do not write them). */
export function MentionsPlugin({ docName }: { docName: string }) {
  const [editor] = useLexicalComposerContext()
  const store = useContext(NamesContext)
  const t = useT()
  const [query, setQuery] = useState<string | null>(null)
  const [people, setPeople] = useState<MentionPersonView[]>([])
  const triggerFn = useBasicTypeaheadTriggerMatch('@', { minLength: 0, maxLength: 40 })

  useEffect(() => {
    if (query === null) return
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      request<MentionPersonView[]>('GET', `/api/docs/${encodeURIComponent(docName)}/people?q=${encodeURIComponent(query)}`, undefined, ctl.signal).then(
        (found) => {
          store?.learn(found)
          setPeople(found)
        },
        () => setPeople([]),
      )
    }, 80)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
  }, [query, docName, store])

  const options = useMemo(() => (query === null ? [] : people.map((p) => new PersonOption(p))), [people, query])

  const onSelect = useCallback(
    (option: PersonOption, textNode: TextNode | null, close: () => void) => {
      editor.update(() => {
        const mention = $createMentionNode(option.person.id)
        if (textNode) textNode.replace(mention)
        const space = $createTextNode(' ')
        mention.insertAfter(space)
        space.select(1, 1)
      })
      close()
    },
    [editor],
  )

  return (
    <LexicalTypeaheadMenuPlugin<PersonOption>
      onQueryChange={setQuery}
      onSelectOption={onSelect}
      triggerFn={triggerFn}
      options={options}
      anchorClassName="mention-anchor"
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
        anchor.current && options.length
          ? createPortal(
              <ul
                className="mention-menu"
                role="presentation"
                data-testid="mention-menu"
                // The menu's container is Lexical's listbox: it is named here, in the interface language.
                ref={(el) => el?.parentElement?.setAttribute('aria-label', t('editor.mention.people'))}
              >
                {options.map((o, i) => (
                  <li
                    key={o.key}
                    id={`typeahead-item-${i}`}
                    ref={o.setRefElement}
                    role="option"
                    tabIndex={-1}
                    aria-selected={selectedIndex === i}
                    className={selectedIndex === i ? 'selected' : undefined}
                    onMouseEnter={() => setHighlightedIndex(i)}
                    onClick={() => {
                      setHighlightedIndex(i)
                      selectOptionAndCleanUp(o)
                    }}
                  >
                    {o.person.name}
                  </li>
                ))}
              </ul>,
              anchor.current,
            )
          : null
      }
    />
  )
}
