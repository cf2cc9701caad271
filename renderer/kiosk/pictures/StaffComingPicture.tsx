import { Picture, usePalette } from './Picture';

/** A staff member on the way with the goods: decorative (the words beside it say it). */
export function StaffComingPicture() {
  const p = usePalette();
  const line = `stroke="${p.line}" stroke-width="4"`;
  const svg = `
    <circle cx="130" cy="60" r="40" fill="${p.fill}" ${line}/>
    <path d="M80 130h100l20 120h-30l-10 100h-30l-10-80l-10 80h-30l-10-100h-30z" fill="${p.fill}" ${line}/>
    <rect x="170" y="170" width="110" height="90" rx="6" fill="${p.bg}" stroke="${p.mark}" stroke-width="8"/>
    <path d="M170 200h110M225 170v30" fill="none" ${line}/>`;
  return <Picture label={null} width={300} height={360} svg={svg} testId="picture-staff" />;
}
