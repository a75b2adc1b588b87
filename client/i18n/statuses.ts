import { ACTION_STATUSES, type ActionStatus } from '../../shared/item-statuses'
import { t } from './intl'

/** An action status in the interface language (shared/item-statuses.ts keeps the English labels for the server). */
export const actionStatusLabel = (status: string): string =>
  (ACTION_STATUSES as readonly string[]).includes(status) ? t(`status.${status as ActionStatus}`) : status
