import type { PushResponse } from '../../../shared/protocol';

/** The per-transaction results of a push answered by `inject`. */
export const pushResults = (res: { json(): unknown }) => (res.json() as PushResponse).results;
