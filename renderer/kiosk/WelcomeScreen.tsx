import { useServices } from '../app/services';
import { Button } from '../ui/Button';
import { ScreenFrame } from '../ui/ScreenFrame';
import { useKiosk } from './kiosk-context';
import { ScannerPicture } from './pictures/ScannerPicture';

/**
 * Two large choices, and the scanner drawn where it is on this kiosk; the settings along
 * the bottom, each saying whether it is on. Only what works now is shown (the voice where
 * there is one). Settings apply to this visit only.
 */
export function WelcomeScreen() {
  const { session, dispatch, t, voices } = useKiosk();
  const { panel } = useServices();
  const { prefs } = session;
  const other = prefs.lang === 'ru' ? 'en' : 'ru';
  return (
    <ScreenFrame
      name="welcome" title={t.welcomeTitle}
      picture={<ScannerPicture holding="code" place={panel.scanner} />}
      reach={(
        <div className="choices">
          <Button variant="primary" testId="pickup" onClick={() => dispatch({ type: 'go', screen: { name: 'code', digits: '' } })}>
            {t.welcomePickup}
          </Button>
          <Button testId="passbook" onClick={() => dispatch({ type: 'go', screen: { name: 'passbook-scan' } })}>
            {t.welcomePassbook}
          </Button>
        </div>
      )}
      bar={(
        <div className="settings" role="group" aria-label="Настройки / Settings">
          <Button testId="lang" onClick={() => dispatch({ type: 'prefs', prefs: { lang: other } })}>
            <span lang={other}>{t.langSwitch}</span>
          </Button>
          <Button testId="size" pressed={prefs.large} onClick={() => dispatch({ type: 'prefs', prefs: { large: !prefs.large } })}>
            {t.sizeState(prefs.large)}
          </Button>
          <Button testId="contrast" pressed={prefs.contrast} onClick={() => dispatch({ type: 'prefs', prefs: { contrast: !prefs.contrast } })}>
            {t.contrastState(prefs.contrast)}
          </Button>
          {voices?.[prefs.lang] && (
            <Button testId="voice" pressed={prefs.voice} onClick={() => dispatch({ type: 'prefs', prefs: { voice: !prefs.voice } })}>
              {prefs.voice ? t.voiceOn : t.voiceOff}
            </Button>
          )}
        </div>
      )}
    >
      <p className="lead">{t.welcomeLead}</p>
      <p className="hint">{t.welcomeScanHint}</p>
    </ScreenFrame>
  );
}
