import { isLanguage, type Language } from './languages.js'

/**
 * The fixed vocabularies of log entries and their projected items, defined once: the log
 * helpers, the projection's column types, the API schemas, the SQL filters and the client's
 * pickers all read these lists, so a new status is added in one place.
 */

/** The two kinds of log entry: information exchanges and actions. */
export const LOG_KINDS = ['exchange', 'action'] as const
export type LogKind = (typeof LOG_KINDS)[number]

/** An action's status, in the order a picker offers them. */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** Statuses of actions still under way: past their due day, these are overdue. */
export const OPEN_ACTION_STATUSES = ['planned', 'in_progress'] as const satisfies readonly ActionStatus[]

/** How a status reads to people (dashboard, action table, charts, mails, report), per language. */
export const ACTION_STATUS_LABELS_IN: Record<Language, Record<ActionStatus, string>> = {
  en: { planned: 'Planned', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' },
  fr: { planned: 'Prévue', in_progress: 'En cours', done: 'Réalisée', dropped: 'Abandonnée' },
  it: { planned: 'Prevista', in_progress: 'In corso', done: 'Completata', dropped: 'Abbandonata' },
}

/** The English status labels (kept for callers that show English). */
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = ACTION_STATUS_LABELS_IN.en

/** An action status as people read it in `language` (English by default); an unknown id stays as it is. */
export function actionStatusLabel(status: string, language?: Language): string {
  return ACTION_STATUS_LABELS_IN[isLanguage(language) ? language : 'en'][status as ActionStatus] ?? status
}

/** Where a cross-cutting item stands with the cyber ambassadors (extra key `inputStatus`). */
export const INPUT_STATUSES = ['open', 'awaiting_input', 'input_provided', 'resolved'] as const
export type InputStatus = (typeof INPUT_STATUSES)[number]

/** How a cross-cutting item's standing with the cyber ambassadors reads, per language. */
export const INPUT_STATUS_LABELS_IN: Record<Language, Record<InputStatus, string>> = {
  en: { open: 'Open', awaiting_input: 'Awaiting input', input_provided: 'Input provided', resolved: 'Resolved' },
  fr: { open: 'Ouvert', awaiting_input: 'Contribution attendue', input_provided: 'Contribution fournie', resolved: 'Résolu' },
  it: { open: 'Aperto', awaiting_input: 'In attesa di contributo', input_provided: 'Contributo fornito', resolved: 'Risolto' },
}

/** An input status as people read it in `language` (English by default); an unknown id stays as it is. */
export function inputStatusLabel(status: string, language?: Language): string {
  return INPUT_STATUS_LABELS_IN[isLanguage(language) ? language : 'en'][status as InputStatus] ?? status
}
