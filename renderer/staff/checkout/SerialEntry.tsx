import { useState } from 'react';
import { useStaffText } from '../staff-lang';

/**
 * The serial numbers of a line's units, scanned (the scanner types it and Enter) or typed:
 * a sale's units, or the units of a handed-over order coming back (RefundPanel), read off
 * each unit. `qty`: how many units may have one; `onAdd` says why one was not taken, and
 * `problemText` says it in the panel's words.
 */
export function SerialEntry({ line, editable, onAdd, onRemove, problemText }: {
  line: { sku: string; serials: string[]; qty: number };
  editable: boolean;
  onAdd: (serial: string) => { ok: true } | { ok: false; code: string };
  onRemove: (serial: string) => void;
  problemText?: (code: string) => string;
}) {
  const { t } = useStaffText();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const id = `serial-${line.sku}`;
  return (
    <div className="tablet-serials">
      <ul className="tablet-row tablet-chips" aria-label={t.saleSerial(line.serials.length, line.qty)}>
        {line.serials.map((serial) => (
          <li key={serial} data-testid="serial">
            <span>{serial}</span>
            {editable && <button type="button" className="tablet-button" onClick={() => onRemove(serial)}>{t.saleRemove}<span className="visually-hidden"> {serial}</span></button>}
          </li>
        ))}
      </ul>
      {editable && line.serials.length < line.qty && (
        <form className="tablet-row" onSubmit={(e) => {
          e.preventDefault();
          const r = onAdd(text);
          if (r.ok) { setText(''); setProblem(''); } else setProblem((problemText ?? t.saleSerialProblem)(r.code));
        }}>
          <label htmlFor={id}>{t.saleSerial(line.serials.length + 1, line.qty)}</label>
          <input id={id} className="tablet-field" autoComplete="off" value={text} data-testid="serial-input" onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="tablet-button" data-testid="serial-add">{t.saleSerialAdd}</button>
        </form>
      )}
      {editable && line.serials.length < line.qty && <p className="tablet-note" role="status" data-testid="serial-note">{problem}</p>}
    </div>
  );
}
