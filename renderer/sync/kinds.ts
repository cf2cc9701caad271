/**
 * The transaction kinds' descriptors. They hold the payload schemas, and so zod: like the
 * API's schemas (api-client.ts) they load after the first screen, never with the page,
 * so the welcome screen does not wait for them (docs/benchmarks.md, cold start). The
 * same module as api-client.ts loads, so the schemas are one file.
 */
export const loadKinds = () => import('../../shared/protocol');
