import { createContext, useContext } from 'react';
import type { Lang } from '../../shared/domain/money';
import { staffMessages, type StaffMessages } from '../../shared/i18n/staff-messages';

/** The tablet's language, Russian or English on one tap, for every staff screen. */
export const StaffLangContext = createContext<Lang>('ru');

export function useStaffText(): { t: StaffMessages; lang: Lang } {
  const lang = useContext(StaffLangContext);
  return { t: staffMessages(lang), lang };
}
