import type { Migration } from 'kysely/migration'
import * as createAccounts from './20261122T1400-create-accounts.js'
import * as createHubs from './20261122T1401-create-hubs.js'
import * as createDocStore from './20261122T1402-create-doc-store.js'
import * as createLoginFailures from './20261122T1410-create-login-failures.js'
import * as createProjection from './20261122T1500-create-projection.js'
import * as createComments from './20261122T1600-create-comments.js'
import * as createAudit from './20261122T1700-create-audit.js'
import * as createPasswordTokens from './20261122T1710-create-password-tokens.js'
import * as createEntryOrigins from './20261201T1000-create-entry-origins.js'
import * as addSharingScopes from './20261201T1100-add-sharing-scopes.js'
import * as searchNotNull from './20261201T2055-search-not-null.js'
import * as createPeriods from './20261201T2100-create-periods.js'
import * as focalPointTraining from './20261202T0010-focal-point-training.js'
import * as docComments from './20261202T0100-doc-comments.js'
import * as structuredRecords from './20261202T0200-structured-records.js'
import * as multilingualSearch from './20261202T0300-multilingual-search.js'
import * as createSsoAndMail from './20261202T0500-create-sso-and-mail.js'
import * as userLanguage from './20261202T0700-user-language.js'
import * as docMentions from './20261203T0100-doc-mentions.js'
import * as itemChanges from './20261204T0100-item-changes.js'

/**
 * Every migration, by name. A static list rather than a folder scan: it works the same under tsx,
 * vitest and a bundler, and a migration missing from here fails the schema test.
 */
export const migrations: Record<string, Migration> = {
  '20261122T1400-create-accounts': createAccounts,
  '20261122T1401-create-hubs': createHubs,
  '20261122T1402-create-doc-store': createDocStore,
  '20261122T1410-create-login-failures': createLoginFailures,
  '20261122T1500-create-projection': createProjection,
  '20261122T1600-create-comments': createComments,
  '20261122T1700-create-audit': createAudit,
  '20261122T1710-create-password-tokens': createPasswordTokens,
  '20261201T1000-create-entry-origins': createEntryOrigins,
  '20261201T1100-add-sharing-scopes': addSharingScopes,
  '20261201T2055-search-not-null': searchNotNull,
  '20261201T2100-create-periods': createPeriods,
  '20261202T0010-focal-point-training': focalPointTraining,
  '20261202T0100-doc-comments': docComments,
  '20261202T0200-structured-records': structuredRecords,
  '20261202T0300-multilingual-search': multilingualSearch,
  '20261202T0500-create-sso-and-mail': createSsoAndMail,
  '20261202T0700-user-language': userLanguage,
  '20261203T0100-doc-mentions': docMentions,
  '20261204T0100-item-changes': itemChanges,
}
