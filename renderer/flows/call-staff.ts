import { checkOrderCode } from '../../shared/domain/order-code';
import type { AssistanceContext } from '../../shared/protocol';
import type { LocalChanges } from '../db/local-changes';
import { uuidv7 } from '../db/uuid7';
import type { Session } from '../kiosk/session';

/**
 * What the customer already did on this visit, for the staff member who comes: the step,
 * the order they typed or scanned, their language, text size and voice. Never the phone
 * digits, nor anything else (the schema is strict).
 */
export function assistanceContext(session: Session): AssistanceContext {
  const { screen, prefs } = session;
  const order = 'order' in screen ? screen.order.code : screen.name === 'code' && checkOrderCode(screen.digits).ok ? screen.digits : undefined;
  return { step: screen.name, ...(order ? { orderCode: order } : {}), lang: prefs.lang, largeText: prefs.large, voice: prefs.voice };
}

/**
 * «Позвать сотрудника»: queues assistance.requested through the outbox (exactly once,
 * like every fact), and the sync wakes at once; the tablets hear it as an event. Returns
 * the request's id, so the kiosk can tell when someone accepts it.
 */
export async function callStaff(changes: LocalChanges, session: Session): Promise<string> {
  const requestId = uuidv7();
  await changes.run([], (change) => change.enqueue('assistance.requested', { requestId, screen: session.screen.name, context: assistanceContext(session) }));
  return requestId;
}
