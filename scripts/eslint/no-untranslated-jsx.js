import formatjs from 'eslint-plugin-formatjs'

/**
 * formatjs/no-literal-string-in-jsx, narrowed to text a person reads: a literal is reported only
 * when it holds a letter, so punctuation, separators, whitespace and icons (`·`, `—`, `{' '}`, `↶`)
 * pass, while "Save" or aria-label="Close" do not. Every user-visible word goes through the
 * catalogs (client/i18n/messages).
 */
const base = formatjs.rules['no-literal-string-in-jsx']
const LETTER = /\p{L}/u

/** The text of a reported node: a JSX text, a string literal, an attribute's value, a template. */
function textOf(node, sourceCode) {
  if (node.type === 'JSXText') return node.value
  if (node.type === 'Literal') return String(node.value)
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('')
  if (node.type === 'JSXAttribute' && node.value?.type === 'Literal') return String(node.value.value)
  return sourceCode.getText(node)
}

/** The props besides aria-*, title, placeholder and alt that carry words a person reads (the app's own components). */
export const READ_PROPS = { props: { include: [['*', '{label,confirmLabel,message,legend,caption,empty,text,ariaLabel,placeholder,title,alt}']] } }

export default {
  meta: { ...base.meta, docs: { description: 'No user-visible words hard-coded in JSX: they go through the message catalogs.' } },
  create(context) {
    const narrowed = Object.create(context, {
      report: {
        value: (descriptor) => {
          if (LETTER.test(textOf(descriptor.node, context.sourceCode))) context.report(descriptor)
        },
      },
    })
    return base.create(narrowed)
  },
}
