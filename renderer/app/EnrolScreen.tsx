import { useState } from 'react';
import { messages } from '../../shared/i18n';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';

/** code: refused by the server; network: no answer; device: the host cannot keep the token (no keyring). */
export type EnrolError = 'code' | 'network' | 'device' | null;

/**
 * Shown instead of an error when the kiosk has no device token yet: staff type the
 * one-time code from `npm run server -- enroll-code` (or open the link `npm start` prints).
 */
export function EnrolScreen(props: { busy: boolean; error: EnrolError; onSubmit: (code: string) => void }) {
  const t = messages('ru');
  const en = messages('en');
  const [code, setCode] = useState('');
  return (
    <div className="kiosk">
      <main className="content">
        <div className="screen screen-enrol">
          <Heading>{t.enrolTitle}</Heading>
          <p className="lead">{t.enrolLead}</p>
          <p className="hint" lang="en">{en.enrolLead}</p>
          <form className="enrol-form" onSubmit={(e) => { e.preventDefault(); props.onSubmit(code); }}>
            <label htmlFor="enrol-code" className="field-label">{t.enrolCode} / <span lang="en">{en.enrolCode}</span></label>
            <input id="enrol-code" className="field" value={code} autoComplete="off" spellCheck={false}
              onChange={(e) => setCode(e.target.value.toUpperCase())} />
            <p className="error-note" role="alert" data-testid="error">
              {props.error ? { code: t.enrolErrCode, network: t.enrolErrNetwork, device: t.enrolErrDevice }[props.error] : ''}
            </p>
            <Button variant="primary" testId="enrol" onClick={() => props.onSubmit(code)}>
              {props.busy ? t.enrolBusy : t.enrolSubmit}
            </Button>
          </form>
        </div>
      </main>
    </div>
  );
}
