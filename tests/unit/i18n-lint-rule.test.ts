import { describe, it } from 'vitest'
import { RuleTester } from 'eslint'
import tseslint from 'typescript-eslint'
import rule, { READ_PROPS } from '../../scripts/eslint/no-untranslated-jsx.js'

/** The lint rule of `npm run lint` that keeps words out of the client's JSX (they go through the catalogs). */
RuleTester.describe = describe
RuleTester.it = it
describe('hubwork/no-untranslated-jsx: words in JSX text and read-out props are reported; punctuation, icons and messages pass', () => {
  {
    new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } }).run('no-untranslated-jsx', rule, {
      valid: [
        { code: "const a = <p>{t('shell.inbox')}</p>" },
        { code: "const a = <p>{n} · {m} — {' '}↶ ¶ 1.</p>" },
        { code: "const a = <button aria-label={t('common.close')} className=\"primary\" type=\"button\">×</button>" },
        { code: "const a = <input placeholder={t('day.placeholder')} />" },
      ],
      invalid: [
        { code: 'const a = <button>Save</button>', errors: 1 },
        { code: 'const a = <p>{n} changes waiting</p>', errors: 1 },
        { code: 'const a = <button aria-label="Close">×</button>', errors: 1 },
        { code: "const a = <Select label=\"Period\" value={v} empty={'All regions'} />", options: [READ_PROPS], errors: 2 },
        { code: "const a = <p>{busy ? 'Signing in…' : t('login.submit')}</p>", errors: 1 },
      ],
    })
  }
})
