/**
 * An item's full text from its page: fetched politely (polite-fetch.ts),
 * decoded as a browser would (BOM, the Content-Type charset, a `<meta>`
 * charset in the first 1,024 bytes, else UTF-8 and windows-1252 for bytes
 * that are not), and its article extracted (full-text.ts). Every way this can
 * fail is an outcome with a reason, never an exception: the item keeps the
 * feed's text, and the failure is retried on a later run.
 */
import { charsetFromContentType } from './decode.ts';
import { RefusedAddressError } from './errors.ts';
import { extractArticle } from './full-text.ts';
import type { PoliteFetcher } from './polite-fetch.ts';

export type PageText =
  | { kind: 'page'; html: string; baseUrl: string; finalUrl: string; etag?: string; lastModified?: string }
  /** The page answered 304 to the stored validators: the text archived from it stands. */
  | { kind: 'not-modified' }
  | { kind: 'failed'; reason: string };

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\s*(?:;|$)/i;

function label(charset: string | undefined): string | undefined {
  if (!charset) return undefined;
  try {
    return new TextDecoder(charset).encoding;
  } catch {
    return undefined;
  }
}

/** The page's text, decoded by the rules browsers follow for HTML. */
export function decodePage(bytes: Uint8Array, contentType: string | undefined): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  const declared = label(charsetFromContentType(contentType)) ?? label(meta);
  if (declared && declared !== 'utf-8') return new TextDecoder(declared).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder(declared === 'utf-8' ? 'utf-8' : 'windows-1252').decode(bytes);
  }
}

function failure(error: unknown): string {
  if (error instanceof RefusedAddressError) return error.message;
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
}

/** Fetch `link` and extract its article; `validators` from an earlier fetch make it conditional. */
export async function fetchPageText(
  fetcher: PoliteFetcher,
  link: string,
  validators: { etag?: string; lastModified?: string } = {},
): Promise<PageText> {
  let answer: Awaited<ReturnType<PoliteFetcher['fetchPage']>>;
  try {
    answer = await fetcher.fetchPage(link, validators);
  } catch (error) {
    return { kind: 'failed', reason: failure(error) };
  }
  if (answer.kind === 'disallowed') {
    return {
      kind: 'failed',
      reason: answer.unavailable
        ? `${answer.robotsUrl} could not be read, which forbids fetching for now`
        : `${answer.robotsUrl} disallows fetching ${link}`,
    };
  }
  const { result } = answer;
  if (result.kind === 'not-modified') return { kind: 'not-modified' };
  if (result.kind === 'status') return { kind: 'failed', reason: `${link} answered HTTP ${result.status}` };
  if (result.contentType && !HTML_TYPE.test(result.contentType)) {
    return { kind: 'failed', reason: `${link} is not an HTML page (${result.contentType.split(';')[0]?.trim()})` };
  }
  const extraction = extractArticle(decodePage(result.body, result.contentType), result.finalUrl);
  if (!extraction.ok) return { kind: 'failed', reason: `${link}: ${extraction.problem}` };
  return {
    kind: 'page',
    html: extraction.html,
    baseUrl: extraction.baseUrl,
    finalUrl: result.finalUrl,
    ...(result.etag ? { etag: result.etag } : {}),
    ...(result.lastModified ? { lastModified: result.lastModified } : {}),
  };
}
