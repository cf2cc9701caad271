/**
 * One shape for every expected failure, on every side and across every boundary (IPC,
 * the host bridge, the printer, repositories, the server's local socket): `ok: false`
 * with a machine-readable `code` (a string union, each member commented where it is
 * defined) and, where a person needs more, a `detail` in words. Unexpected failures are
 * typed errors instead (style.md).
 */
export type Failure<C extends string> = { ok: false; code: C; detail?: string };
export type Outcome<T extends object, C extends string> = ({ ok: true } & T) | Failure<C>;
