/**
 * The build audit: finds anything in a rendered page that could run script the
 * site did not write. Pure over HTML strings; the file walker is audit-fs.ts.
 *
 * The site writes only external scripts, same-origin, under `<base>_astro/`
 * (Astro's bundles) or `<base>pagefind/` (the search index). Everything else
 * that can execute is a finding: inline scripts, scripts from elsewhere, event
 * handler attributes, script-bearing URL schemes in URL attributes, iframe
 * srcdoc, CSS expressions, a meta refresh to a non-http URL and any <base>.
 */
import type { Element, Properties, Root, RootContent } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parse } from 'parse5';
import { find, html } from 'property-information';
import { VFile } from 'vfile';

export type AuditRule =
  | 'inline-script'
  | 'foreign-script'
  | 'event-handler'
  | 'dangerous-url'
  | 'srcdoc'
  | 'css-script'
  | 'meta-refresh'
  | 'base-element'
  /** A file under media/ whose bytes are not a raster image (what the archive stores there). */
  | 'media-not-raster';

/** One thing in one page that could run script the site did not write. */
export interface AuditFinding {
  /** Page path, relative to the audited folder (or as given to auditHtml). */
  file: string;
  /** 1-based line of the element in the page, when known. */
  line?: number;
  rule: AuditRule;
  /** The offending element's source, shortened to one line. */
  snippet: string;
}

export interface AuditOptions {
  /** The site's base path, e.g. "/" or "/feedshelf/". */
  base: string;
}

/** Attributes whose value the browser treats as a URL to load or navigate to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'data',
  'codebase',
  'cite',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'manifest',
  'ping',
  'srcset',
  'imagesrcset',
  'icon',
  'archive',
  'classid',
  'profile',
  'usemap',
  'to',
  'from',
  'values',
]);

/** Schemes that run script or carry a document of their own. */
const DANGEROUS_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'livescript', 'mocha']);

/** The script types the site's own bundles use; any other type is not the site's. */
const CLASSIC_OR_MODULE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

const SNIPPET_LENGTH = 160;

/** Parses one page and returns every finding in document order. */
export function auditHtml(source: string, file: string, options: AuditOptions): AuditFinding[] {
  // Parse as a browser with scripting on does: <noscript> is raw text then, which
  // is what makes `<noscript><p title="</noscript><img onerror=…>">` live markup.
  const document = parse(source, { scriptingEnabled: true, sourceCodeLocationInfo: true });
  const tree = fromParse5(document, { file: new VFile(source) });
  if (tree.type !== 'root') return [];
  const findings: AuditFinding[] = [];
  const report = (node: Element, rule: AuditRule): void => {
    findings.push({ file, line: node.position?.start.line, rule, snippet: snippetOf(source, node) });
  };
  walk(tree, (node) => auditElement(node, options, report));
  return findings;
}

/** One line per finding: `file:line  rule  snippet`. */
export function formatFindings(findings: AuditFinding[]): string {
  return findings
    .map(
      (finding) =>
        `${finding.file}${finding.line === undefined ? '' : `:${finding.line}`}  ${finding.rule}  ${finding.snippet}`,
    )
    .join('\n');
}

function walk(node: Root | Element, visit: (element: Element) => void): void {
  const children: RootContent[] = node.children;
  for (const child of children) {
    if (child.type !== 'element') continue;
    visit(child);
    walk(child, visit);
    // <template> contents live outside the children list in hast.
    if (child.content) walk(child.content, visit);
  }
}

function auditElement(node: Element, options: AuditOptions, report: (node: Element, rule: AuditRule) => void): void {
  const tag = node.tagName.toLowerCase();
  if (tag === 'script') auditScript(node, options, report);
  if (tag === 'base') report(node, 'base-element');
  if (tag === 'meta' && isNonHttpRefresh(node.properties)) report(node, 'meta-refresh');
  if (tag === 'style' && hasCssScript(textOf(node))) report(node, 'css-script');

  for (const [property, value] of Object.entries(node.properties)) {
    // The html schema also knows xlink:, xml: and aria- names, so SVG attributes map back too.
    const attribute = find(html, property).attribute.toLowerCase();
    if (attribute.startsWith('on')) report(node, 'event-handler');
    else if (attribute === 'srcdoc') report(node, 'srcdoc');
    else if (attribute === 'style' && hasCssScript(stringOf(value))) report(node, 'css-script');
    else if (URL_ATTRIBUTES.has(attribute) && urlsOf(attribute, value).some(isDangerousUrl)) {
      report(node, 'dangerous-url');
    }
  }
}

function auditScript(node: Element, options: AuditOptions, report: (node: Element, rule: AuditRule) => void): void {
  const src = node.properties.src;
  if (src === undefined || src === null) {
    report(node, 'inline-script');
    return;
  }
  const type = stringOf(node.properties.type).trim().toLowerCase();
  if (!CLASSIC_OR_MODULE.has(type) || !isSiteScript(stringOf(src), options.base) || textOf(node).trim() !== '') {
    report(node, 'foreign-script');
  }
}

/** True for an absolute path under the site's own `_astro/` or `pagefind/` folder. */
export function isSiteScript(src: string, base: string): boolean {
  const path = src.trim();
  if (!path.startsWith('/') || path.startsWith('//') || /[\\\s]/.test(path)) return false;
  if (!path.startsWith(`${base}_astro/`) && !path.startsWith(`${base}pagefind/`)) return false;
  const segments = path.split(/[?#]/, 1)[0]?.split('/') ?? [];
  return !segments.some((segment) => segment === '..' || segment === '.' || /%2e|%2f|%5c/i.test(segment));
}

/**
 * The scheme a browser would see: it drops tabs and newlines anywhere and
 * leading C0 controls and spaces, and matches schemes case-insensitively.
 */
export function schemeOf(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip these before parsing a URL
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match?.[1]?.toLowerCase();
}

export function isDangerousUrl(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme !== undefined && DANGEROUS_SCHEMES.has(scheme);
}

function urlsOf(attribute: string, value: Properties[string]): string[] {
  const values = Array.isArray(value) ? value.map(String) : [stringOf(value)];
  if (attribute === 'srcset' || attribute === 'imagesrcset') {
    return values
      .flatMap((candidates) => candidates.split(','))
      .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
  }
  if (attribute === 'values') return values.flatMap((list) => list.split(';'));
  if (attribute === 'archive' || attribute === 'ping') return values.flatMap((list) => list.split(/[\s,]+/));
  return values;
}

function isNonHttpRefresh(properties: Properties): boolean {
  if (stringOf(properties.httpEquiv).trim().toLowerCase() !== 'refresh') return false;
  const content = stringOf(properties.content);
  const match = /^\s*[\d.]*\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$/is.exec(content);
  if (match === null) return true;
  const target = (match[1] ?? '').trim().replace(/^['"]|['"]$/g, '');
  const scheme = schemeOf(target);
  return scheme !== undefined && scheme !== 'http' && scheme !== 'https';
}

/** CSS that runs script in some browser: IE's expression(), javascript: in url(), -moz-binding, behavior. */
export function hasCssScript(css: string): boolean {
  const unescaped = css.replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) =>
    String.fromCodePoint(Number.parseInt(hex, 16)),
  );
  const compact = unescaped
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/[\s\\]/g, '')
    .toLowerCase();
  return /expression\(|javascript:|vbscript:|-moz-binding|behavior:/.test(compact);
}

function stringOf(value: Properties[string]): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(' ') : String(value);
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
}

function snippetOf(source: string, node: Element): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const text = start === undefined ? `<${node.tagName}>` : source.slice(start, end ?? start + SNIPPET_LENGTH);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SNIPPET_LENGTH ? `${line.slice(0, SNIPPET_LENGTH - 1)}…` : line;
}
