/**
 * Item HTML through an allowlist (sanitize-html): no scripts, styles, forms,
 * embeds or event handlers; iframes only from known video hosts over https;
 * only http, https and mailto URLs, relative ones resolved against the
 * entry's base. Pure.
 */
import sanitizeHtml from 'sanitize-html';
import { largestCandidate } from '#src/archive/media.ts';
import type { AlterationLog } from './alterations.ts';
import { isShareFlare, isTrackingImage } from './trackers.ts';

/** Video players an item may embed. */
export const IFRAME_HOSTS = [
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
  'www.youtube.com',
  'youtube.com',
  'player.vimeo.com',
];

const LINK_REL = 'noopener noreferrer nofollow ugc';

/**
 * Tags nested deeper than this are dropped and their text kept. Real posts nest a dozen levels; a feed
 * that nests thousands (`<b>` inside `<b>` ...) overflows the stack of the recursive HTML-to-Markdown
 * steps, and deep emphasis costs the Markdown writer time that grows faster than the square of the depth.
 */
export const NESTING_LIMIT = 32;
const SAFE_SCHEME = /^(?:https?:|mailto:)/i;

/** Resolve a URL against the base; undefined unless the result is http(s) or mailto. */
export function safeUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // Browsers ignore these characters inside a scheme (`jav&#x09;ascript:`), so the check must too.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const cleaned = value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, (run) => (/^ +$/.test(run) ? run : '')).trim();
  if (!cleaned) return undefined;
  let resolved: string;
  try {
    resolved = new URL(cleaned, base).href;
  } catch {
    return undefined;
  }
  return SAFE_SCHEME.test(resolved) ? resolved : undefined;
}

function withUrl(
  attribs: sanitizeHtml.Attributes,
  name: string,
  base: string | undefined,
  secure: boolean,
  log: AlterationLog | undefined,
): sanitizeHtml.Attributes {
  const value = attribs[name];
  const url = safeUrl(value, base);
  const next = { ...attribs };
  if (url && (!secure || url.startsWith('https:'))) next[name] = url;
  else {
    delete next[name];
    if (value?.trim() && !secure) log?.add('url-refused', value.trim());
  }
  return next;
}

/**
 * MathML Core's presentation elements, which browsers render natively: a formula is kept as the
 * publisher wrote it, not flattened into its text. `<annotation>` (TeX, content MathML) is dropped
 * with its content; no MathML attribute that could link, style or load anything is allowed.
 */
const MATHML_TAGS = [
  ...['math', 'semantics', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup'],
  ...['mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle'],
  ...['mpadded', 'mphantom', 'merror', 'mmultiscripts', 'mprescripts', 'none'],
];
const MATHML_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  math: ['display', 'alttext'],
  mi: ['mathvariant'],
  mo: ['stretchy', 'fence', 'separator', 'lspace', 'rspace', 'form', 'largeop', 'movablelimits', 'accent', 'symmetric'],
  mfrac: ['linethickness'],
  mover: ['accent'],
  munder: ['accentunder'],
  munderover: ['accent', 'accentunder'],
  mtd: ['columnspan', 'rowspan'],
  mstyle: ['displaystyle', 'scriptlevel'],
  mspace: ['width', 'height', 'depth'],
  mpadded: ['width', 'height', 'depth', 'lspace', 'voffset'],
};

const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  ...['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var'],
  ...['em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'sub', 'sup', 'small', 'abbr', 'cite', 'q'],
  ...['a', 'img', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'span', 'div', 'time'],
  ...['table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'details', 'summary', 'iframe'],
  // Kept only to be replaced by their poster image and a link to the file (tidy-hast.ts): no player is archived.
  ...['video', 'source'],
  ...MATHML_TAGS,
]);

/**
 * Elements whose removal loses something of the article (what they run, show or hold), so each is
 * counted. Any other element that is not allowed is a wrapper (`<font>`, `<section>`, `<center>`)
 * whose text is kept, and its removal loses nothing a reader sees.
 */
const COUNTED_REMOVALS: ReadonlySet<string> = new Set([
  ...['script', 'style', 'noscript', 'template', 'link', 'meta', 'base', 'frame', 'frameset', 'object'],
  ...['embed', 'applet', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'canvas'],
  ...['video', 'audio', 'picture', 'source', 'track', 'map', 'area', 'dialog', 'portal', 'xmp'],
]);

function embedHost(src: string | undefined, base: string | undefined): string {
  const url = safeUrl(src, base);
  if (!url) return src?.trim() || '(no src)';
  return new URL(url).host || url;
}

function options(base: string | undefined, log: AlterationLog | undefined): sanitizeHtml.IOptions {
  // The srcsets of a <picture>'s raster <source>s, which its <img> stands in for.
  let inPicture = false;
  let pictureSources: string | undefined;
  let inVideo = false;
  return {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
      video: ['src', 'poster', 'title'],
      source: ['src'],
      pre: ['class', 'data-lang', 'lang'],
      code: ['class', 'data-lang', 'lang'],
      div: ['class', 'data-lang'],
      span: ['class'],
      // role="presentation" says a table is layout: the converter unwraps such a table.
      table: ['role'],
      th: ['colspan', 'rowspan', 'align'],
      td: ['colspan', 'rowspan', 'align'],
      ol: ['start'],
      time: ['datetime'],
      ...MATHML_ATTRIBUTES,
    },
    nestingLimit: NESTING_LIMIT,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { iframe: ['https'], img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowedIframeHostnames: IFRAME_HOSTS,
    allowIframeRelativeUrls: false,
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'xmp',
      'noembed',
      'noframes',
      'template',
      'title',
      'annotation',
      'annotation-xml',
    ],
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...withUrl(attribs, 'href', base, false, log), rel: LINK_REL },
      }),
      source: (tagName, attribs) => {
        if (inPicture && attribs.srcset && !/svg/i.test(attribs.type ?? '')) {
          pictureSources = pictureSources ? `${pictureSources}, ${attribs.srcset}` : attribs.srcset;
        }
        // A video's source names its file; any other <source> is dropped (exclusiveFilter).
        return { tagName, attribs: inVideo ? withUrl({ src: attribs.src ?? '' }, 'src', base, false, log) : {} };
      },
      video: (tagName, attribs) => {
        const kept: sanitizeHtml.Attributes = {};
        if (attribs.src !== undefined) kept.src = attribs.src;
        if (attribs.poster !== undefined) kept.poster = attribs.poster;
        if (attribs.title !== undefined) kept.title = attribs.title;
        return { tagName, attribs: withUrl(withUrl(kept, 'src', base, false, log), 'poster', base, false, log) };
      },
      img: (tagName, attribs) => {
        // One image is kept: the largest a srcset (or its <picture>'s sources) offers, which an
        // archive wants over the smallest.
        const srcset = [pictureSources, attribs.srcset].filter(Boolean).join(', ');
        pictureSources = undefined;
        const candidate = srcset ? largestCandidate(srcset) : undefined;
        const largest = candidate && safeUrl(candidate, base) ? candidate : undefined;
        const next = withUrl(largest ? { ...attribs, src: largest } : attribs, 'src', base, false, log);
        if (!isTrackingImage(next.src ?? attribs.src, attribs.width, attribs.height, attribs.style)) {
          return { tagName, attribs: next };
        }
        log?.add('tracking-removed', next.src ?? attribs.src ?? 'a 1×1 image');
        // No src and no alt: the converter leaves the image out.
        return { tagName, attribs: {} };
      },
      iframe: (tagName, attribs) => {
        const next = withUrl(attribs, 'src', base, true, log);
        const host = next.src ? new URL(next.src).hostname : undefined;
        if (!host || !IFRAME_HOSTS.includes(host)) log?.add('embed-removed', embedHost(attribs.src, base));
        return { tagName, attribs: next };
      },
    },
    exclusiveFilter: (frame) => {
      if (frame.tag === 'source') return !frame.attribs.src;
      if (frame.tag !== 'div' || !isShareFlare(frame.attribs.class)) return false;
      log?.add('tracking-removed', 'Feedburner share links');
      return true;
    },
    onOpenTag: (name: string) => {
      const tag = name.toLowerCase();
      if (tag === 'picture') {
        inPicture = true;
        pictureSources = undefined;
      }
      if (tag === 'video') {
        inVideo = true;
        // Its player goes; its poster and a link to its file stay.
        log?.add('element-removed', '<video>');
      }
      if (log && !ALLOWED_TAGS.has(tag) && COUNTED_REMOVALS.has(tag)) log.add('element-removed', `<${tag}>`);
    },
    onCloseTag: (name: string) => {
      if (name.toLowerCase() === 'video') inVideo = false;
      if (name.toLowerCase() !== 'picture') return;
      inPicture = false;
      pictureSources = undefined;
    },
  };
}

/** Sanitize an item's HTML, recording in `log` what it removes. Same input, same output. */
export function sanitizeItemHtml(html: string, base: string | undefined, log?: AlterationLog): string {
  return sanitizeHtml(html, options(base, log));
}
