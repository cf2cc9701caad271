import { plural } from './plural';
import type { StaffMessages } from './staff-messages';

export const staffEn: StaffMessages = {
  tabletTitle: (device: string) => `Staff tablet ${device}`,
  tabletLead: 'This tablet’s state: the connection to the server, what waits to be sent, and rejected transactions.',
  tabletOnline: 'Connected to the server',
  tabletOffline: 'No connection to the server: everything is kept and goes later',
  tabletQueued: (n: number) => `Waiting to be sent: ${n}`,
  tabletOldest: (minutes: number) => `The oldest has waited ${plural('en', minutes, { one: 'minute', few: 'minutes', many: 'minutes' })}`,
  tabletLastSync: (time: string) => `Last sync: ${time}`,
  tabletNeverSynced: 'Not synced yet',
  tabletRejectedTitle: 'Rejected by the server',
  tabletRejectedNone: 'No rejected transactions.',
  tabletRejected: (kind: string, key: string, reason: string) => `${kind} ${key}: ${reason}`,
  kindPickup: 'Order handover',
  rejectReason: (reason: string) => ({
    'unknown-order': 'the server does not know this order',
    'already-picked-up': 'the order was already handed over elsewhere',
    'order-cancelled': 'the shop cancelled the order',
    'other-branch': 'an order of another shop',
    'role-forbidden': 'this device may not do that',
  } as Record<string, string>)[reason] ?? `refused (${reason})`,
};
