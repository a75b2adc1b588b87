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

/** How a status reads to people (dashboard, action table, charts). */
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
}

/** Where a cross-cutting item stands with the cyber ambassadors (extra key `inputStatus`). */
export const INPUT_STATUSES = ['open', 'awaiting_input', 'input_provided', 'resolved'] as const
export type InputStatus = (typeof INPUT_STATUSES)[number]
