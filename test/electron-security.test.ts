// Electron's security settings, checked without running Electron (its binary is not needed): the window
// options come from electron/window-options.ts, the CSP from the contract, and the preload source is read to
// prove it opens no other door. What main does with them is checked by running it (security-main.test.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CSP, CSP_HEADER, isChannel } from '../api/contract';
import { APP_ORIGIN, APP_START_URL, SECURE_WEB_PREFERENCES, isAppUrl } from '../electron/window-options';
import viteConfig from '../vite.config';

const ROOT = resolve(__dirname, '..');
const src = (p: string) => readFileSync(resolve(ROOT, p), 'utf8');

/** "default-src 'self'; script-src …" → { 'default-src': ["'self'"], … } */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );
}

describe('BrowserWindow', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('only app://budgetdesk/ counts as our page', () => {
    expect(APP_START_URL).toBe(`${APP_ORIGIN}/index.html`);
    expect(isAppUrl('app://budgetdesk/index.html')).toBe(true);
    for (const u of [
      'app://budgetdesk.evil.test/index.html',
      'app://other/index.html',
      'file:///index.html',
      'http://127.0.0.1/',
      'https://budgetdesk/',
      '',
      null,
      undefined,
      'not a url',
    ]) {
      expect(isAppUrl(u)).toBe(false);
    }
  });
});

describe('preload', () => {
  it('exposes one object and never ipcRenderer itself', () => {
    const preload = src('electron/preload.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('budgetdesk', bridge\)/);
    expect(preload).toMatch(/if \(!isChannel\(channel\)\)/);
    expect(preload).not.toMatch(/ipcRenderer[,\s}]*\)\s*;?\s*$/m);
    expect(preload).not.toMatch(/ipcRenderer\.send\(/);
  });

  it('the allow-list is exactly the contract channels', () => {
    expect(CHANNELS.length).toBeGreaterThan(40);
    expect(CHANNELS.every((c) => isChannel(c))).toBe(true);
    for (const c of ['__proto__', 'constructor', 'toString', 'fs.readFile', '']) expect(isChannel(c)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is strict: own scripts only, no eval, no inline script, no plugins, no framing', () => {
    const d = directives(CSP_HEADER);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['style-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(CSP_HEADER).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    expect(CSP_HEADER.startsWith(CSP)).toBe(true);
  });

  it('the renderer meta tag carries the same policy (vite.config.ts injects the contract CSP into index.html)', () => {
    const plugins = ((viteConfig as { plugins?: unknown[] }).plugins ?? []).flat(3) as { name?: string; transformIndexHtml?: unknown }[];
    const csp = plugins.find((p) => p?.name === 'budgetdesk-csp');
    expect(csp).toBeDefined();
    const tags = (csp!.transformIndexHtml as () => { tag: string; attrs: Record<string, string>; injectTo: string }[])();
    expect(tags).toEqual([{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }]);
    // frame-ancestors is not allowed in a meta tag (Chrome logs an error), so it is header-only.
    expect(directives(CSP)['frame-ancestors']).toBeUndefined();
  });

  // Electron main's header is checked by running it (security-main.test.ts).
  it('the browser-mode server sends the header', () => {
    expect(src('server/http.ts')).toMatch(/'Content-Security-Policy': CSP_HEADER/);
  });
});
