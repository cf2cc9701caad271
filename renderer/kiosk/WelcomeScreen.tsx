import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';

/** Few, large choices; only those that work now are shown. Settings apply to this visit only. */
export function WelcomeScreen() {
  const { session, dispatch, t, voices } = useKiosk();
  const { prefs } = session;
  const other = prefs.lang === 'ru' ? 'en' : 'ru';
  return (
    <div className="screen screen-welcome">
      <Heading>{t.welcomeTitle}</Heading>
      <p className="lead">{t.welcomeLead}</p>
      <div className="choices">
        <Button variant="primary" testId="pickup" onClick={() => dispatch({ type: 'go', screen: { name: 'code', digits: '' } })}>
          {t.welcomePickup}
        </Button>
        <Button testId="passbook" onClick={() => dispatch({ type: 'go', screen: { name: 'passbook-scan' } })}>
          {t.welcomePassbook}
        </Button>
      </div>
      <p className="hint">{t.welcomeScanHint}</p>
      <div className="settings" role="group" aria-label="Настройки / Settings">
        <Button testId="lang" onClick={() => dispatch({ type: 'prefs', prefs: { lang: other } })}>
          <span lang={other}>{t.langSwitch}</span>
        </Button>
        <Button testId="size" pressed={prefs.large} onClick={() => dispatch({ type: 'prefs', prefs: { large: !prefs.large } })}>
          {t.sizeLarge}
        </Button>
        <Button testId="contrast" pressed={prefs.contrast} onClick={() => dispatch({ type: 'prefs', prefs: { contrast: !prefs.contrast } })}>
          {t.contrastHigh}
        </Button>
        {voices?.[prefs.lang] && (
          <Button testId="voice" pressed={prefs.voice} onClick={() => dispatch({ type: 'prefs', prefs: { voice: !prefs.voice } })}>
            {prefs.voice ? t.voiceOn : t.voiceOff}
          </Button>
        )}
      </div>
    </div>
  );
}
