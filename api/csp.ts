/** Exact CSP for the renderer: the meta tag in renderer/index.html carries CSP verbatim (vite.config.ts); the
 *  session header (electron/main.ts) and the browser-mode server send CSP_HEADER, which adds directives a meta
 *  tag may not carry (Chrome logs an error for frame-ancestors in a meta tag). Inline styles via React's style
 *  prop are CSSOM and allowed; <style> elements and inline scripts are not. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
export const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;
