import { createContext, useContext, type Dispatch } from 'react';
import type { Messages } from '../../shared/i18n';
import type { SpeechVoices } from '../../shared/protocol/device-status';
import type { Session, SessionAction } from './session';

/**
 * The current visit and its language's strings, for every kiosk screen; and, while its call
 * for help waits, whether any signed-in staff member can hear it (null: cannot tell); and
 * which languages it can speak.
 */
export type KioskContextValue = {
  session: Session; dispatch: Dispatch<SessionAction>; t: Messages; listening?: boolean | null;
  /** which languages the kiosk can speak: the voice controls show only where speech works */
  voices?: SpeechVoices;
};

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside <KioskContext>');
  return value;
}
