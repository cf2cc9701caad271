import { Button } from '../ui/Button';
import { Dialog } from './Dialog';
import { useKiosk } from './kiosk-context';

export function IdleDialog({ secondsLeft, onMore }: { secondsLeft: number; onMore: () => void }) {
  const { t } = useKiosk();
  return (
    <Dialog title={t.idleTitle} testId="idle">
      <p className="lead" data-testid="idle-left">{t.idleLead(secondsLeft)}</p>
      <div className="dialog-actions">
        <Button variant="primary" testId="idle-more" onClick={onMore}>{t.idleMore}</Button>
      </div>
    </Dialog>
  );
}
