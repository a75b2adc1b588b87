import { DecoratorNode, type DOMExportOutput, type LexicalNode, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical'

/** The node type of a mention in a collaborative document (the meaning check knows it by this name). */
export const MENTION_TYPE = 'mention'
/** The longest user id a mention may carry (ours are far shorter; the meaning check refuses longer). */
export const MENTION_USER_ID_MAX = 64
/** What a user id in a mention may be made of (ours: letters, digits, `-` and `_`). */
export const MENTION_USER_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * How a mention reads as plain text where no name is at hand (the server's headless Lexical: search
 * text, diffs): the user id between two private-use marks, for `mentionNames` to put the name in.
 */
export const MENTION_OPEN = '\uE000'
export const MENTION_CLOSE = '\uE001'

export type SerializedMentionNode = Spread<{ userId: string }, SerializedLexicalNode>

/** How the browser shows a mention (set once by the client: a React element; null on the server). */
let view: (userId: string) => unknown = () => null

/** The browser's renderer of mentions (client/editor/mentions.tsx). */
export function setMentionView(render: (userId: string) => unknown): void {
  view = render
}

/**
 * A mention of a person: a Lexical decorator node carrying the user id only. It is not text: the
 * caret steps over it, and it is shown as the person's name as the product knows it now (a name in
 * the document could be anything a client wrote). In the Yjs document it is one `XmlElement` with
 * two attributes, `__type` and `__userId`.
 */
export class MentionNode extends DecoratorNode<unknown> {
  __userId: string

  static getType(): string {
    return MENTION_TYPE
  }

  static clone(node: MentionNode): MentionNode {
    return new MentionNode(node.__userId, node.__key)
  }

  static importJSON(json: SerializedMentionNode): MentionNode {
    return new MentionNode(json.userId)
  }

  constructor(userId = '', key?: NodeKey) {
    super(key)
    this.__userId = userId
  }

  exportJSON(): SerializedMentionNode {
    return { ...super.exportJSON(), type: MENTION_TYPE, version: 1, userId: this.__userId }
  }

  getUserId(): string {
    return this.getLatest().__userId
  }

  createDOM(): HTMLElement {
    const span = document.createElement('span')
    span.className = 'mention'
    span.dataset.userId = this.__userId
    return span
  }

  updateDOM(): boolean {
    return false
  }

  exportDOM(): DOMExportOutput {
    const span = document.createElement('span')
    span.className = 'mention'
    span.dataset.userId = this.__userId
    return { element: span }
  }

  isInline(): boolean {
    return true
  }

  isKeyboardSelectable(): boolean {
    return true
  }

  getTextContent(): string {
    return `${MENTION_OPEN}${this.__userId}${MENTION_CLOSE}`
  }

  decorate(): unknown {
    return view(this.__userId)
  }
}

export function $createMentionNode(userId: string): MentionNode {
  return new MentionNode(userId)
}

export function $isMentionNode(node: LexicalNode | null | undefined): node is MentionNode {
  return node instanceof MentionNode
}

/** Plain text with its mention marks replaced by `@Name` (an unknown person reads `@…`). */
export function mentionNames(text: string, nameOf: (userId: string) => string | undefined): string {
  if (!text.includes(MENTION_OPEN)) return text
  return text.replace(/\uE000([^\uE001]{0,64})\uE001/g, (_m, id: string) => `@${nameOf(id) ?? '…'}`)
}

/** The user ids mentioned in a plain text with mention marks. */
export function mentionedIds(text: string): string[] {
  return [...text.matchAll(/\uE000([^\uE001]{0,64})\uE001/g)].map((m) => m[1])
}
