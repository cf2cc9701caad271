import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

type ManifestChunk = { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };

/**
 * The JavaScript a kiosk can load: its entry and everything reachable from it, statically
 * or lazily (the schemas load after the first screen), but not the staff tablet's
 * bundle, which only a tablet loads (renderer/app/App.tsx).
 */
export function kioskScripts(distDir: string): string[] {
  const manifest = JSON.parse(readFileSync(`${distDir}/.vite/manifest.json`, 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || key.startsWith('staff/')) return;
    seen.add(key);
    const chunk = manifest[key]!;
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  // The page's own script tags are where a kiosk starts (the manifest may file the entry
  // under its chunk's name rather than index.html when chunks are grouped).
  const html = readFileSync(`${distDir}/index.html`, 'utf8');
  const started = [...html.matchAll(/<script[^>]+src="[^"]*\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry || started.includes(chunk.file)) visit(key);
  return [...seen].map((key) => manifest[key]!.file).filter((f) => f.endsWith('.js'));
}

/** Gzipped (level 9) and raw bytes of those files. */
export function scriptSizes(distDir: string, files: string[]): { gzip: number; raw: number } {
  let gzip = 0;
  let raw = 0;
  for (const f of files) {
    const bytes = readFileSync(`${distDir}/${f}`);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { gzip, raw };
}
