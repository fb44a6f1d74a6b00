// The app:// protocol that serves the renderer (CSP and nosniff on every response) and the session's
// security: permissions denied, the CSP header on every response, no pop-ups, foreign navigation or webviews.
import { app, net, protocol, session } from 'electron';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSP_HEADER } from '../api/csp';
import { APP_HOST, APP_SCHEME, isAppUrl } from './window-options';

const rendererDir = normalize(join(__dirname, '..', 'renderer'));

/** Must run before `ready`: app:// behaves like https (secure context, fetch, same-origin rules). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/** Serves the renderer's files on app:// once the app is ready. */
export function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, serveApp);
}

function serveApp(request: Request): Promise<Response> | Response {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  // Single-page app: extension-less paths get index.html.
  const file = normalize(join(rendererDir, extname(rel) === '' ? 'index.html' : rel));
  if (!file.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 });
  return net.fetch(pathToFileURL(file).toString()).then(
    (res) => {
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', CSP_HEADER);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(res.body, { status: res.status, headers });
    },
    () => new Response('Not found', { status: 404 }),
  );
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP_HEADER] } });
  });
}

/** No page may open windows, navigate away from app://, or attach a webview. */
export function guardWebContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
}
