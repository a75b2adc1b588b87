import tseslint from 'typescript-eslint'
import noUntranslatedJsx, { READ_PROPS } from './scripts/eslint/no-untranslated-jsx.js'

/**
 * Lint rules that keep the architecture visible: shared/ imports neither side, the
 * client never imports the server, and domain code never imports Hono.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'dist-server/**', 'node_modules/**', 'data/**', 'bench/**', '.tmp/**', 'tests/artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Every word a person reads in the app comes from client/i18n/messages (en, fr, it).
    files: ['client/**/*.tsx'],
    plugins: { hubwork: { rules: { 'no-untranslated-jsx': noUntranslatedJsx } } },
    rules: {
      'hubwork/no-untranslated-jsx': ['error', READ_PROPS],
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '**/client/**', 'hono', 'hono/*'], message: 'shared/ imports neither side' }] },
      ],
    },
  },
  {
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', 'hono', 'hono/*', 'pg', 'kysely'], message: 'the client never imports the server' }] },
      ],
    },
  },
  {
    files: [
      'server/notes/**/*.ts',
      'server/db/**/*.ts',
      'server/collab/**/*.ts',
      'server/projection/**/*.ts',
      'server/rollup/**/*.ts',
      'server/history/**/*.ts',
      'server/audit/**/*.ts',
      'server/comments/**/*.ts',
      'server/notifications/**/*.ts',
      'server/backup/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['hono', 'hono/*', '@hono/*', '**/api/**'], message: 'domain code does not import Hono or the API layer' }] },
      ],
    },
  },
  {
    // The one door of the sync endpoint is a Hono route: @hono/node-server owns the upgrade event.
    files: ['server/collab/upgrade.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
