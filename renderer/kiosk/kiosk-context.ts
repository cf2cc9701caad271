import { createContext, useContext, type Dispatch } from 'react';
import type { Messages } from '../../shared/i18n';
import type { Session, SessionAction } from './session';

/** The current visit and its language's strings, for every kiosk screen. */
export type KioskContextValue = { session: Session; dispatch: Dispatch<SessionAction>; t: Messages };

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside <KioskContext>');
  return value;
}
