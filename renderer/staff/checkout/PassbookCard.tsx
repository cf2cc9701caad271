import { useState } from 'react';
import { isValidEan13 } from '../../../shared/domain/ean13';
import { maskCard } from '../../../shared/domain/mask';
import { useStaffText } from '../staff-lang';

/**
 * The customer's passbook card, if they have one and want the purchase in their book:
 * scanned (the scanner types the number and Enter into the field) or typed. Only a
 * number with a valid check digit is taken; the tablet then shows its last 4 digits only.
 * Whether the card is the branch's is the server's to say (an unknown card is flagged
 * for staff, never refused: the goods are sold either way).
 */
export function PassbookCard({ card, onCard }: { card: string | null; onCard: (card: string | null) => void }) {
  const { t } = useStaffText();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(false);
  if (card) {
    return (
      <p className="tablet-row" data-testid="passbook-card" data-card={card}>
        <span className="tablet-grow">{t.passbookTaken(maskCard(card))}</span>
        <button type="button" className="tablet-button" onClick={() => onCard(null)}>{t.saleRemove}</button>
      </p>
    );
  }
  return (
    <form className="tablet-row" onSubmit={(e) => {
      e.preventDefault();
      if (isValidEan13(text)) { onCard(text); setText(''); setProblem(false); } else setProblem(true);
    }}>
      <label htmlFor="passbook-card">{t.passbookCard}</label>
      <input id="passbook-card" className="tablet-field" inputMode="numeric" autoComplete="off" value={text} data-testid="passbook-card-input"
        onChange={(e) => { setText(e.target.value.replace(/\D/g, '').slice(0, 13)); setProblem(false); }} />
      <button type="submit" className="tablet-button" data-testid="passbook-card-add">{t.passbookAdd}</button>
      {problem && <span className="tablet-note" role="alert">{t.passbookBad}</span>}
    </form>
  );
}
