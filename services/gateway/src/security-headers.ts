import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Content Security Policy of the portal (a React + antd + ECharts app built by Vite, served from this origin):
 * - scripts only from this origin (Vite emits module scripts, no inline script);
 * - styles from this origin and inline: antd's CSS-in-JS injects <style> elements at run time. The stricter
 *   alternative is a per-request nonce written into index.html and given to antd (`ConfigProvider csp={{ nonce }}`);
 *   not done: it needs the gateway to template index.html on every request;
 * - images and fonts from this origin, data: and blob: (antd icons, ECharts' image export);
 * - XHR/fetch only to this origin (`/api/...`);
 * - no plugins, no <base> elsewhere, forms only to this origin, never framed (frame-ancestors 'none').
 */
export function contentSecurityPolicy(tls: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(tls && { 'upgrade-insecure-requests': [] }),
  };
}

/** @fastify/helmet's options: the CSP above, no framing, nosniff, same-origin referrers, HSTS only over TLS. */
export function helmetOptions(tls: boolean): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(tls) },
    frameguard: { action: 'deny' },
    noSniff: true,
    referrerPolicy: { policy: 'same-origin' },
    // A year, without includeSubDomains: other hosts of the district's domain may not serve HTTPS.
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
}

/** Browser features the portal never uses. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';
