/**
 * The version of the recognition consent text (rememberOffer in shared/i18n): kept with
 * each consent, so a changed text can be told from the one a customer agreed to.
 */
export const CONSENT_VERSION = '2026-11';
