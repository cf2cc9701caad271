import { useKiosk } from '../kiosk-context';
import { Picture, usePalette, xmlText } from './Picture';

/** Where the order's code is: in the shop's SMS, and on the order slip under its QR code. */
export function CodeWherePicture() {
  const { t } = useKiosk();
  const p = usePalette();
  const line = `stroke="${p.line}" stroke-width="4"`;
  const mark = `fill="none" stroke="${p.mark}" stroke-width="8"`;
  const svg = `
    <rect x="10" y="10" width="200" height="280" rx="24" fill="${p.fill}" ${line}/>
    <rect x="30" y="50" width="160" height="190" rx="6" fill="${p.bg}" ${line}/>
    <rect x="36" y="70" width="148" height="120" rx="12" fill="${p.fill}" ${line}/>
    <text x="110" y="104" font-size="20" font-weight="700" fill="${p.text}" text-anchor="middle">${xmlText(t.pictureSms)}</text>
    <rect x="42" y="126" width="136" height="46" rx="6" ${mark}/>
    <text x="110" y="158" font-size="22" font-weight="700" fill="${p.text}" text-anchor="middle">4711 0004</text>
    <rect x="280" y="20" width="260" height="270" fill="${p.bg}" ${line}/>
    <text x="410" y="56" font-size="24" font-weight="700" fill="${p.text}" text-anchor="middle">${xmlText(t.pictureSlip)}</text>
    <rect x="350" y="74" width="120" height="120" fill="${p.bg}" ${line}/>
    <path d="M362 86h30v30h-30zM428 86h30v30h-30zM362 152h30v30h-30zM406 130h14v14h-14zM428 152h10v10h-10zM444 168h14v14h-14z" fill="${p.line}"/>
    <rect x="320" y="212" width="180" height="52" rx="6" ${mark}/>
    <text x="410" y="248" font-size="30" font-weight="700" fill="${p.text}" text-anchor="middle">4711 0004</text>`;
  return <Picture label={t.pictureCodeWhere} width={560} height={300} svg={svg} testId="picture-code-where" />;
}
