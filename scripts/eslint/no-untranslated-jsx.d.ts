import type { Rule } from 'eslint'

export declare const READ_PROPS: { props: { include: [string, string][] } }
declare const rule: Rule.RuleModule
export default rule
