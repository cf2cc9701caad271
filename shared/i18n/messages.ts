import type { ru } from './ru';

/** Every language has every key of the Russian table, with the same parameters. */
export type Messages = {
  [K in keyof typeof ru]: (typeof ru)[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
export type MessageKey = keyof Messages;
