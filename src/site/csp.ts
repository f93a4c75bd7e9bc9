/**
 * The site's Content-Security-Policy. Scripts come only from the site itself,
 * as external files (no inline script); Pagefind needs 'wasm-unsafe-eval' to
 * compile its WebAssembly and worker-src 'self' for its web worker. Styles
 * come from the site's own stylesheet files, and allow 'unsafe-inline' for the
 * style attribute Shiki puts on each code block (its background and colour
 * variables); code tokens carry short classes, not style attributes
 * (src/render/code-classes.ts).
 * Frames are limited to the video hosts the content sanitizer lets through.
 */
export const FRAME_HOSTS = ['https://www.youtube-nocookie.com', 'https://www.youtube.com', 'https://player.vimeo.com'];

const DIRECTIVES: [string, string[]][] = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
  ['worker-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'https:', 'data:']],
  ['media-src', ["'self'", 'https:']],
  ['font-src', ["'self'"]],
  ['frame-src', FRAME_HOSTS],
  ['object-src', ["'none'"]],
  ['base-uri', ["'self'"]],
  ['form-action', ["'self'"]],
];

/** The policy as a `<meta http-equiv>` carries it (meta tags cannot set frame-ancestors). */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');

/** The same policy as an HTTP header, which can also forbid framing of the site. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
