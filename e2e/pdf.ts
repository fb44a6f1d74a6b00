// Reads an exported disclosure PDF back as text, the way poppler's pdftotext lays it out.
import { spawnSync } from 'node:child_process';

export function pdfText(path: string): string {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}
