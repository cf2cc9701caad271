import { useState } from 'react';
import { cardSecretMessage, parseCardCode } from '../../../shared/domain/card-code';
import { CONSENT_VERSION } from '../../../shared/domain/consent';
import { isValidEan13 } from '../../../shared/domain/ean13';
import { maskCard } from '../../../shared/domain/mask';
import type { TabletSession } from '../use-staff-session';
import { useServices } from '../../app/services';
import { uuidv7 } from '../../db/uuid7';
import { sha256HexAsync } from '../../hashing/digest';
import { useStaffText } from '../staff-lang';

/** «Иван П.»: a first name and one initial, nothing more (the server keeps no full names). */
const SHORT_NAME = /^[А-ЯЁA-Z][а-яёa-z-]{1,30} [А-ЯЁA-Z]\.$/;

/**
 * Passbook cards at the tablet: a blank card from the branch's pack issued to a customer who
 * agrees that the store keeps their ledger (`customer.enrolled`; the card's secret leaves
 * the tablet only as its hash), or a new card for a lost one (the old one is blocked and the
 * book carries on); and «Забыть меня» at a customer's request (`customer.preferences` with
 * nothing), which every kiosk follows. Both go through the outbox, offline too.
 */
export function CardDesk({ session }: { session: TabletSession }) {
  const { t } = useStaffText();
  const { changes } = useServices();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [replaces, setReplaces] = useState('');
  const [lost, setLost] = useState(false);
  const supervisor = session.staff.role === 'supervisor';
  // What the last tap did: a problem to fix (in the error colour), or done.
  const [note, setNoteState] = useState<{ text: string; ok: boolean }>({ text: '', ok: true });
  const setNote = (text: string, ok = false) => setNoteState({ text, ok });
  const [forget, setForget] = useState('');
  const [forgetNote, setForgetNoteState] = useState<{ text: string; ok: boolean }>({ text: '', ok: true });
  const setForgetNote = (text: string, ok = false) => setForgetNoteState({ text, ok });

  async function issue() {
    const card = parseCardCode(code);
    if (!card || card.kind !== 'with-secret') return setNote(t.cardBadCode);
    if (!SHORT_NAME.test(name.trim())) return setNote(t.cardBadName);
    if (!consent) return setNote(t.cardNeedsConsent);
    // The old card scanned (its code carries its secret), or its number with the supervisor's word that it is lost.
    const oldScan = replaces.trim() ? parseCardCode(replaces) : null;
    const old = oldScan?.cardNumber ?? replaces.replace(/\D/g, '');
    if (old && !isValidEan13(old)) return setNote(t.cardBadReplaces);
    if (old && oldScan?.kind !== 'with-secret' && !lost) return setNote(t.cardReplaceNeedsProof);
    const replaceProof = !old ? null : oldScan?.kind === 'with-secret'
      ? { by: 'card-scanned' as const, secretHash: await sha256HexAsync(cardSecretMessage(oldScan.cardNumber, oldScan.secret)) }
      : { by: 'reported-lost' as const };
    const secretHash = await sha256HexAsync(cardSecretMessage(card.cardNumber, card.secret));
    await changes.run([], (change) => change.enqueue('customer.enrolled', {
      customerId: uuidv7(), cardNumber: card.cardNumber, secretHash, shortName: name.trim(),
      ledgerConsent: { at: change.now.toISOString(), version: CONSENT_VERSION }, staffSessionId: session.sessionId,
      ...(old && replaceProof ? { replacesCard: old, replaceProof } : {}),
    }));
    setNote(t.cardIssued(maskCard(card.cardNumber)), true);
    setCode(''); setName(''); setConsent(false); setReplaces(''); setLost(false);
  }
  async function forgetCustomer() {
    const card = parseCardCode(forget);
    if (!card) return setForgetNote(t.cardBadCode);
    await changes.run([], (change) => change.enqueue('customer.preferences', { cardNumber: card.cardNumber, preferences: null, consent: null, staffSessionId: session.sessionId }));
    setForgetNote(t.cardForgotten(maskCard(card.cardNumber)), true);
    setForget('');
  }

  return (
    <section className="tablet-panel" aria-labelledby="cards-title" data-testid="cards">
      <h2 id="cards-title">{t.cardsTitle}</h2>
      <h3>{t.cardsIssueTitle}</h3>
      <form className="tablet-form tablet-form-wide" onSubmit={(e) => { e.preventDefault(); void issue(); }}>
        <label htmlFor="card-code">{t.cardCode}</label>
        <input id="card-code" className="tablet-field" autoComplete="off" value={code} data-testid="card-code" onChange={(e) => { setCode(e.target.value); setNote('', true); }} />
        <label htmlFor="card-name">{t.cardName}</label>
        <input id="card-name" className="tablet-field" autoComplete="off" value={name} data-testid="card-name" onChange={(e) => { setName(e.target.value); setNote('', true); }} />
        <label className="tablet-check"><input type="checkbox" checked={consent} data-testid="card-consent" onChange={(e) => { setConsent(e.target.checked); setNote('', true); }} /> {t.cardConsent}</label>
        {supervisor && (
          <>
            <label htmlFor="card-replaces">{t.cardReplaces}</label>
            <input id="card-replaces" className="tablet-field" autoComplete="off" value={replaces} data-testid="card-replaces" onChange={(e) => { setReplaces(e.target.value); setNote('', true); }} />
            <label className="tablet-check"><input type="checkbox" checked={lost} data-testid="card-replaces-lost" onChange={(e) => { setLost(e.target.checked); setNote('', true); }} /> {t.cardReplacesLost}</label>
          </>
        )}
        <button type="submit" className="tablet-button tablet-primary" data-testid="card-issue">{t.cardIssue}</button>
        <p className={note.ok ? '' : 'tablet-note'} role="status" data-testid="card-note">{note.text}</p>
      </form>
      <h3>{t.cardForgetTitle}</h3>
      <p>{t.cardForgetLead}</p>
      <form className="tablet-row" onSubmit={(e) => { e.preventDefault(); void forgetCustomer(); }}>
        <label htmlFor="card-forget" className="visually-hidden">{t.cardForgetCode}</label>
        <input id="card-forget" className="tablet-field tablet-grow" autoComplete="off" placeholder={t.cardForgetCode} value={forget} data-testid="card-forget" onChange={(e) => { setForget(e.target.value); setForgetNote('', true); }} />
        <button type="submit" className="tablet-button" data-testid="card-forget-button">{t.cardForget}</button>
      </form>
      <p className={forgetNote.ok ? '' : 'tablet-note'} role="status" data-testid="card-forget-note">{forgetNote.text}</p>
    </section>
  );
}
