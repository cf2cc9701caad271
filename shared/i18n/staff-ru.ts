import { plural } from './plural';

/**
 * The staff tablet's strings, in Russian (the source of the keys). Kept apart from the
 * kiosk's (ru.ts) so the kiosk's bundle never carries them: only the staff bundle imports
 * this file.
 */
export const staffRu = {
  tabletTitle: (device: string) => `Планшет сотрудника ${device}`,
  tabletLead: 'Состояние этого планшета: связь с сервером, очередь на отправку и отклонённые операции.',
  tabletOnline: 'Связь с сервером есть',
  tabletOffline: 'Нет связи с сервером: всё сохраняется и уйдёт позже',
  tabletQueued: (n: number) => `В очереди на отправку: ${n}`,
  tabletOldest: (minutes: number) => `Самая старая ждёт ${plural('ru', minutes, { one: 'минуту', few: 'минуты', many: 'минут' })}`,
  tabletLastSync: (time: string) => `Последняя синхронизация: ${time}`,
  tabletNeverSynced: 'Синхронизации ещё не было',
  tabletRejectedTitle: 'Отклонено сервером',
  tabletRejectedNone: 'Нет отклонённых операций.',
  tabletRejected: (kind: string, key: string, reason: string) => `${kind} ${key}: ${reason}`,
  kindPickup: 'Выдача заказа',
  rejectReason: (reason: string) => ({
    'unknown-order': 'сервер не знает такого заказа',
    'already-picked-up': 'заказ уже выдан в другом месте',
    'order-cancelled': 'магазин отменил заказ',
    'other-branch': 'заказ другого магазина',
    'role-forbidden': 'это устройство не может так делать',
  } as Record<string, string>)[reason] ?? `отказ (${reason})`,
} as const;
