import { ACTION_KINDS, COUNTERPARTS, ESCALATIONS, EXCHANGE_TYPES } from '../../shared/records'
import { t } from './intl'

/**
 * The record vocabularies (exchange types, counterparts, action kinds, escalations) in the
 * interface language. shared/records.ts keeps the English labels for the server and the report.
 */
const known = (values: readonly string[], v: string) => values.includes(v)

export const exchangeTypeLabel = (v: string): string => (known(EXCHANGE_TYPES, v) ? t(`exchangeType.${v as (typeof EXCHANGE_TYPES)[number]}`) : v)
export const counterpartLabel = (v: string): string => (known(COUNTERPARTS, v) ? t(`counterpart.${v as (typeof COUNTERPARTS)[number]}`) : v)
export const actionKindLabel = (v: string): string => (known(ACTION_KINDS, v) ? t(`actionKind.${v as (typeof ACTION_KINDS)[number]}`) : v)
export const escalationLabel = (v: string): string => (known(ESCALATIONS, v) ? t(`escalation.${v as (typeof ESCALATIONS)[number]}`) : v)
