import { useKiosk } from '../kiosk-context';
import { Picture, usePalette, xmlText } from './Picture';

/** The passbook card, its barcode (what the scanner reads) marked. */
export function PassbookCardPicture() {
  const { t } = useKiosk();
  const p = usePalette();
  const bars = [4, 2, 6, 2, 4, 2, 2, 6, 4, 2, 6, 2, 4, 4, 2, 6, 2, 4];
  let x = 60;
  const path = bars.map((w, i) => { const d = `M${x} 150h${w}v60h-${w}z`; x += w + (i % 3 === 0 ? 6 : 4); return d; }).join('');
  const svg = `
    <rect x="10" y="10" width="380" height="240" rx="20" fill="${p.fill}" stroke="${p.line}" stroke-width="4"/>
    <text x="40" y="64" font-size="28" font-weight="700" fill="${p.text}">${xmlText(t.picturePassbookTitle)}</text>
    <rect x="40" y="136" width="220" height="88" rx="6" fill="none" stroke="${p.mark}" stroke-width="8"/>
    <path d="${path}" fill="${p.line}"/>`;
  return <Picture label={t.picturePassbookCard} width={400} height={260} svg={svg} testId="picture-passbook-card" />;
}
