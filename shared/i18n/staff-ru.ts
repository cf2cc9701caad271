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
  signInTitle: 'Вход сотрудника',
  signInLead: 'Табельный номер и ПИН-код. Сканер здесь не работает.',
  employeeNo: 'Табельный номер',
  pin: 'ПИН-код',
  signIn: 'Войти',
  signInWrong: (left: number) => `Номер или ПИН-код не подошли. Осталось попыток: ${left}.`,
  signInLocked: (time: string) => `Слишком много неверных попыток. Вход по этому номеру закрыт до ${time}.`,
  signInOffline: 'Нет связи с сервером. Войти можно, когда связь появится.',
  scannerIgnored: 'Код со сканера здесь не принимается: введите номер и ПИН-код руками.',
  signedInAs: (name: string) => `Вы вошли: ${name}`,
  signOut: 'Выйти',
  queueTitle: 'Вызовы с киосков',
  queueEmpty: 'Сейчас никто не ждёт.',
  queueItem: (kiosk: string, minutes: number) => `Киоск ${kiosk}, ждёт ${plural('ru', minutes, { one: 'минуту', few: 'минуты', many: 'минут' })}`,
  queueContext: (step: string, order: string | null, lang: string, large: boolean) =>
    [`шаг: ${({ welcome: 'начало', code: 'ввод кода заказа', phone: 'цифры телефона', order: 'заказ найден', summary: 'проверка товаров', done: 'выдача записана', staff: 'нужна помощь' } as Record<string, string>)[step] ?? step}`, order ? `заказ ${order}` : null, lang === 'en' ? 'по-английски' : null, large ? 'крупный текст' : null].filter(Boolean).join(', '),
  accept: 'Принять',
  acceptedBy: (name: string) => `Принял(а): ${name}`,
  otherLanguage: 'English',
  resolved: 'Решено',
  lockedTitle: 'Планшет заблокирован',
  lockedLead: (name: string) => `Две минуты без касаний. Чтобы продолжить, ${name} вводит свой ПИН-код.`,
  unlock: 'Открыть',
  unlockWrong: 'ПИН-код не подошёл.',
  rejectReason: (reason: string) => ({
    'unknown-order': 'сервер не знает такого заказа',
    'already-picked-up': 'заказ уже выдан в другом месте',
    'order-cancelled': 'магазин отменил заказ',
    'other-branch': 'заказ другого магазина',
    'role-forbidden': 'это устройство не может так делать',
  } as Record<string, string>)[reason] ?? `отказ (${reason})`,
} as const;
