import { Picture, usePalette } from './Picture';

/** Paper coming out of the kiosk's printer: decorative (the words say what to take). */
export function PaperOutPicture() {
  const p = usePalette();
  const line = `stroke="${p.line}" stroke-width="4"`;
  const svg = `
    <path d="M80 210V30h160v180" fill="${p.bg}" ${line}/>
    <path d="M110 70h100M110 100h100M110 130h70M110 160h100" fill="none" ${line}/>
    <rect x="20" y="200" width="280" height="110" rx="14" fill="${p.fill}" ${line}/>
    <rect x="60" y="200" width="200" height="16" fill="${p.line}"/>
    <path d="M160 240v50M140 270l20 20l20-20" fill="none" stroke="${p.mark}" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>`;
  return <Picture label={null} width={320} height={340} svg={svg} testId="picture-paper" />;
}
