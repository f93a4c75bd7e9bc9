/**
 * The build audit's second question: does the output publish a path of the
 * machine that built it? It looks for the folders it is given (the project's
 * root, the home folder, the temp folders the build uses: audit-fs.ts picks
 * them) and any file: URL in the text of a built file. Pure over strings; the
 * walker over dist/ and Pagefind's compressed records is audit-fs.ts.
 *
 * A finding is reported, not fatal: an article may well quote `/tmp/x` or
 * `/home/runner`, and nothing in a feed may stop the build. The site keeps the
 * paths it knows of out of its pages (src/archive/public.ts); this catches the
 * ones it does not.
 */

/** One build-machine path in one output file. */
export interface LocalPathFinding {
  /** The output file, relative to the audited folder (or as given). */
  file: string;
  /** 1-based line of the match in the file's text. */
  line: number;
  /** What was found: one of the machine's folders, or the file: URL (its start). */
  path: string;
  /** The text around it, on one line. */
  excerpt: string;
}

const EXCERPT_CONTEXT = 40;
const URL_LENGTH = 80;
/** What may not follow a folder, which would then be the start of a longer name: `/home/anna` for `/home/ann`. */
const AFTER = '(?![\\w-]|\\.\\w)';
/** Characters a match may not follow: it would be the middle of a URL path or of a longer name. */
const BEFORE = '(?<![\\w.%~/\\\\-])';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The folders worth looking for: absolute, not the file-system root, longest first, without a trailing separator. */
export function machineFolders(folders: readonly string[]): string[] {
  const cleaned = folders
    .map((folder) => folder.replace(/[\\/]+$/, ''))
    .filter((folder) => folder.length > 1 && /^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(folder) && !/^[A-Za-z]:$/.test(folder));
  return [...new Set(cleaned)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

function pattern(folders: readonly string[]): RegExp {
  const alternatives = folders.map(escapeRegExp);
  const folderPart = alternatives.length > 0 ? `|${BEFORE}(?:${alternatives.join('|')})${AFTER}` : '';
  return new RegExp(`(\\b[Ff][Ii][Ll][Ee]:[\\\\/][^\\s"'<>)]*(?<![.,;:!?]))${folderPart}`, 'g');
}

function excerptAt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - EXCERPT_CONTEXT);
  const to = Math.min(text.length, end + EXCERPT_CONTEXT);
  const inner = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${inner}${to < text.length ? '…' : ''}`;
}

/** Every build-machine path in `text`, in order; `folders` as machineFolders gives them. */
export function findLocalPaths(text: string, file: string, folders: readonly string[]): LocalPathFinding[] {
  const findings: LocalPathFinding[] = [];
  const regex = pattern(folders);
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(regex)) {
    const start = match.index;
    const end = start + match[0].length;
    const isFileUrl = match[1] !== undefined;
    for (; counted < start; counted++) if (text.charCodeAt(counted) === 10) line++;
    const path = isFileUrl ? match[0].slice(0, URL_LENGTH) : match[0];
    findings.push({ file, line, path, excerpt: excerptAt(text, start, end) });
  }
  return findings;
}

/** One line per finding: `file:line  local-path  path  excerpt`. */
export function formatLocalPathFindings(findings: readonly LocalPathFinding[]): string {
  return findings
    .map((finding) => `${finding.file}:${finding.line}  local-path  ${finding.path}  ${finding.excerpt}`)
    .join('\n');
}
