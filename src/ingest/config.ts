/**
 * feeds.yaml: which feeds to archive and how. Pure: parsing and validation of
 * the text only; reading the file lives in config-fs.ts.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'astro/zod';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { SHORT_HASH_LENGTH, shortHash } from '#src/archive/hash.ts';
import { FeedIdSchema } from '#src/archive/schema.ts';
import { isWindowsReserved } from '#src/archive/segment.ts';
import { type ConfigProblem, locateKey } from './config-positions.ts';
import { ConfigError } from './errors.ts';
import { FULL_TEXT_MODES } from './full-text.ts';
import { parseAllowNetworks } from './net-guard.ts';

const FullTextSchema = z.enum(FULL_TEXT_MODES, { error: 'expected auto, always or never' });

/** A regular expression given as a string; checked to compile. */
const RegexStringSchema = z.string({ error: 'expected a regular expression as a string' }).refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a valid regular expression' },
);

const TagListSchema = z.array(
  z.string({ error: 'expected a tag name' }).min(1, { error: 'expected a non-empty tag' }),
  {
    error: 'expected a list of tags',
  },
);

/** Include or exclude rule: an entry matches when any title regex or any tag matches. */
export const FeedFilterSchema = z.strictObject(
  {
    /** Regular expressions tested against the entry title (case-insensitive). */
    title: z.array(RegexStringSchema, { error: 'expected a list of regular expressions' }).optional(),
    /** Tag names compared case-insensitively with the entry's categories. */
    tags: TagListSchema.optional(),
  },
  { error: 'expected a mapping with "title" and/or "tags"' },
);
export type FeedFilter = z.output<typeof FeedFilterSchema>;

/** http(s) URLs, or anything that is not a URL with another scheme (a local path). */
function isFeedLocation(value: string): boolean {
  if (/^https?:\/\//i.test(value)) return URL.canParse(value);
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.includes('\0');
}

/** One feed entry in feeds.yaml. */
export const FeedConfigSchema = z.strictObject(
  {
    /** Folder name under content/items and the item's `source`. */
    id: FeedIdSchema,
    /** An http(s) URL, or a local path relative to the config file. */
    url: z
      .string({ error: 'expected an http(s) URL or a local file path' })
      .min(1, { error: 'expected an http(s) URL or a local file path' })
      .refine(isFeedLocation, { error: 'expected an http(s) URL or a local file path' }),
    /** Display title; the feed's own title when absent. */
    title: z.string({ error: 'expected text' }).min(1, { error: 'expected non-empty text' }).optional(),
    /** Tags added to every item of this feed. */
    tags: TagListSchema.optional(),
    /** Keep only entries matching this rule. */
    include: FeedFilterSchema.optional(),
    /** Drop entries matching this rule (applied after include). */
    exclude: FeedFilterSchema.optional(),
    /**
     * Fetch each item's page and archive the article extracted from it: `always`, `never`, or
     * `auto` (when the feed's text is missing, short or cut off). Default: defaults.fullText, else never.
     */
    fullText: FullTextSchema.optional(),
    /** Archive the images this feed's items show. Default: defaults.media, else false. */
    media: z.boolean({ error: 'expected true or false' }).optional(),
  },
  { error: 'expected a mapping with at least "id" and "url"' },
);
export type FeedConfigEntry = z.output<typeof FeedConfigSchema>;

/** Settings shared by every feed. */
export const FeedDefaultsSchema = z.strictObject(
  {
    /** Feeds fetched at the same time. */
    concurrency: z.int({ error: 'expected a whole number from 1 to 32' }).min(1).max(32).optional(),
    /** Seconds before a fetch is aborted (headers and body). */
    timeout: z
      .number({ error: 'expected a number of seconds' })
      .positive({ error: 'expected a positive number' })
      .optional(),
    /** Largest feed body accepted, in bytes, after decompression. */
    maxBytes: z
      .int({ error: 'expected a whole number of bytes' })
      .positive({ error: 'expected a positive number' })
      .optional(),
    /** Contact URL placed in the User-Agent header. */
    userAgent: z.url({ protocol: /^https?$/, error: 'expected an http(s) contact URL' }).optional(),
    /** fullText for feeds that do not set it. */
    fullText: FullTextSchema.optional(),
    /** Archive the images items show, for feeds that do not say (default false). */
    media: z.boolean({ error: 'expected true or false' }).optional(),
    /** Caps on archived images. */
    mediaLimits: z
      .strictObject(
        {
          /** Largest image accepted, in bytes (default 10 MiB). */
          imageBytes: z.int({ error: 'expected a whole number of bytes' }).positive().optional(),
          /** Largest image accepted, in pixels (default 50,000,000). */
          pixels: z.int({ error: 'expected a whole number of pixels' }).positive().optional(),
          /** New image bytes one feed may add in a run (default 200 MiB). */
          feedBytes: z.int({ error: 'expected a whole number of bytes' }).positive().optional(),
          /** Bytes all archived images may take (default 800 MiB, under GitHub Pages' 1 GB). */
          budget: z.int({ error: 'expected a whole number of bytes' }).positive().optional(),
          /** Longest side, in pixels, of a stored image: larger ones are scaled down once, when archived (default: never). */
          downscale: z
            .int({ error: 'expected a whole number of pixels' })
            .min(16, { error: 'expected 16 pixels or more' })
            .optional(),
        },
        { error: 'expected a mapping of imageBytes, pixels, feedBytes, budget and downscale' },
      )
      .optional(),
    /** Seconds between two requests to one host for pages (full text, retraction checks). */
    politeDelay: z
      .number({ error: 'expected a number of seconds' })
      .nonnegative({ error: 'expected 0 or more seconds' })
      .max(60, { error: 'expected at most 60 seconds' })
      .optional(),
    /**
     * Images to read from a local folder instead of fetching: a URL prefix (ending in "/") to a
     * folder, relative to feeds.yaml. For archives whose images ship with them (the sample feed's).
     */
    mediaMirrors: z
      .record(
        z.string().regex(/^https?:\/\/[^\s]+\/$/, { error: 'expected an http(s) URL prefix ending in "/"' }),
        z.string({ error: 'expected a folder path' }).min(1, { error: 'expected a folder path' }),
        { error: 'expected a mapping of URL prefixes to folders' },
      )
      .optional(),
    /**
     * Networks (CIDR ranges) that URLs from feed content may reach although they are loopback,
     * private or link-local: none by default (src/ingest/net-guard.ts).
     */
    allowNetworks: z
      .array(z.string({ error: 'expected a CIDR range as text' }), { error: 'expected a list of CIDR ranges' })
      .superRefine((list, ctx) => {
        try {
          parseAllowNetworks(list, 'defaults.allowNetworks');
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `a list of CIDR ranges (${(error as Error).message})` });
        }
      })
      .optional(),
  },
  { error: 'expected a mapping of defaults' },
);
export type FeedDefaults = z.output<typeof FeedDefaultsSchema>;

/** An issue for each feed whose id an earlier feed has; reads raw entries too, so it runs when others fail. */
function duplicateIds(feeds: readonly unknown[]): { path: (string | number)[]; message: string }[] {
  const seen = new Map<string, number>();
  const issues: { path: (string | number)[]; message: string }[] = [];
  feeds.forEach((feed, index) => {
    const id = (feed as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else issues.push({ path: ['feeds', index, 'id'], message: `duplicate id "${id}" (also feeds[${first}].id)` });
  });
  return issues;
}

/** The whole feeds.yaml file. */
export const FeedsFileSchema = z
  .strictObject(
    {
      defaults: FeedDefaultsSchema.optional(),
      feeds: z.array(FeedConfigSchema, { error: 'expected a list of feeds' }),
    },
    { error: 'expected a mapping with a "feeds" list' },
  )
  .superRefine((file, ctx) => {
    for (const issue of duplicateIds(file.feeds)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type FeedsFile = z.output<typeof FeedsFileSchema>;

/** A feed ready for the snapshot engine: the entry plus where a local path resolves. */
export interface FeedConfig extends FeedConfigEntry {
  /** Absolute path for local feeds; undefined for http(s) feeds. */
  path?: string;
}

/** The loaded configuration. */
export interface LoadedConfig {
  file: string;
  defaults: FeedDefaults;
  feeds: FeedConfig[];
}

/** `feeds[2].url` from a zod issue path. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

/** The schema of the value at `path` of feeds.yaml, through lists, optionals and records. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const part of path) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    if (current instanceof z.ZodObject) current = current.shape[String(part)] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else return undefined;
  }
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
  return current;
}

/** The keys a mapping at `path` may have, for the message about a key it may not. */
function validKeys(path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(FeedsFileSchema, path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function expectedText(message: string): string {
  const text = /^(expected|duplicate|a )/.test(message) ? message : `expected ${message}`;
  return text.startsWith('a ') ? `expected ${text}` : text;
}

function problemsOf(issue: z.core.$ZodIssue, doc: Document.Parsed, lines: LineCounter): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    const valid = validKeys(issue.path);
    const choices = valid.length > 0 ? `; valid keys: ${valid.join(', ')}` : '';
    return issue.keys.map((key) => {
      const { position } = locateKey(doc.contents, [...issue.path, key], lines);
      const where = issue.path.length > 0 ? `${formatKeyPath(issue.path)}.` : '';
      return { ...position, key: `${where}${key}`, message: `unknown key; remove it or check its spelling${choices}` };
    });
  }
  const { position, found } = locateKey(doc.contents, issue.path, lines);
  const missing = !found && issue.code === 'invalid_type' && issue.input === undefined && issue.path.length > 0;
  // zod's own wording ("Invalid input: expected string, received undefined") says nothing a person can act on.
  const message = issue.message.startsWith('Invalid input') ? undefined : expectedText(issue.message);
  const text = missing ? `missing${message ? `: ${message}` : '; add it'}` : (message ?? expectedText(issue.message));
  return [{ ...position, key: formatKeyPath(issue.path), message: text }];
}

/** `feeds.yaml:3:5: feeds[0].url: expected …`, as compilers write it. */
export function formatProblem(file: string, problem: ConfigProblem): string {
  return `${file}:${problem.line}:${problem.col}: ${problem.key}: ${problem.message}`;
}

/** Whether a feed location is a URL (fetched over HTTP) rather than a local path. */
export function isHttpUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** Resolve local paths against the folder of the config file. */
export function resolveFeed(entry: FeedConfigEntry, baseDir: string): FeedConfig {
  if (isHttpUrl(entry.url)) return { ...entry };
  return { ...entry, path: isAbsolute(entry.url) ? entry.url : resolve(baseDir, entry.url) };
}

/** Parse and validate feeds.yaml text; `file` names it in errors, `baseDir` resolves local paths. */
export function parseConfig(text: string, file: string, baseDir: string): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0] ?? { line: 1, col: 1 };
    const reason = (yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(
      `Invalid feed config ${file}:\n  ${file}:${pos.line}:${pos.col}: not valid YAML (${reason})`,
      { problems: [{ ...pos, key: '(YAML)', message: `not valid YAML (${reason})` }] },
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const result = FeedsFileSchema.safeParse(raw);
  if (!result.success) {
    const issues: z.core.$ZodIssue[] = [...result.error.issues];
    // The schema's check of duplicate ids runs only on an otherwise valid list: run it here anyway.
    const rawFeeds = (raw as { feeds?: unknown }).feeds;
    for (const duplicate of Array.isArray(rawFeeds) ? duplicateIds(rawFeeds) : []) {
      if (!issues.some((issue) => issue.message === duplicate.message))
        issues.push({ code: 'custom', input: undefined, ...duplicate });
    }
    const problems = issues
      .flatMap((issue) => problemsOf(issue, doc, lines))
      .sort((a, b) => a.line - b.line || a.col - b.col);
    const text = problems.map((problem) => formatProblem(file, problem)).join('\n  ');
    throw new ConfigError(`Invalid feed config ${file}:\n  ${text}`, { problems });
  }
  const defaults = result.data.defaults ?? {};
  if (defaults.mediaMirrors) {
    defaults.mediaMirrors = Object.fromEntries(
      Object.entries(defaults.mediaMirrors).map(([prefix, dir]) => [
        prefix,
        isAbsolute(dir) ? dir : resolve(baseDir, dir),
      ]),
    );
  }
  return {
    file,
    defaults,
    feeds: result.data.feeds.map((entry) => resolveFeed(entry, baseDir)),
  };
}

/**
 * Longest derived feed id: room under FeedIdSchema's 64 characters for the
 * `-2`, `-3`, ... that uniqueId adds.
 */
const MAX_DERIVED_ID = 56;

/**
 * A slug of a-z, 0-9 and `-` made usable as a feed id: a longer one is cut and
 * ends in a short hash of the whole slug; a Windows device name (`con`,
 * `lpt1`) gets `-feed`; an empty one is `feed`.
 */
export function boundFeedId(slug: string): string {
  if (!slug) return 'feed';
  const cut = slug.slice(0, MAX_DERIVED_ID - SHORT_HASH_LENGTH - 1).replace(/-+$/, '');
  const id = slug.length <= MAX_DERIVED_ID ? slug : `${cut}-${shortHash(slug)}`;
  return isWindowsReserved(id) ? `${id}-feed` : id;
}

/**
 * A slug usable as a feed id, from a URL's host or a file's name: the id of a
 * feed given with `--feed`, derived again on every run, so it never changes
 * (new entries of feeds.yaml get theirs from feed-id.ts).
 */
export function deriveFeedId(location: string): string {
  let basis: string;
  if (isHttpUrl(location) && URL.canParse(location)) {
    basis = new URL(location).hostname.replace(/^www\./, '');
  } else {
    const name = location.split(/[\\/]/).filter(Boolean).pop() ?? '';
    basis = name.replace(/\.[a-z0-9]+$/i, '');
  }
  const slug = basis
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return boundFeedId(slug);
}

/** A unique id: `base`, else `base-2`, `base-3`, ... */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Feeds given on the command line with `--feed`; ids derived and deduplicated against `taken`. */
export function adHocFeeds(locations: readonly string[], taken: Iterable<string>, baseDir: string): FeedConfig[] {
  const ids = new Set(taken);
  return locations.map((location) => {
    if (!isFeedLocation(location) || location.length === 0) {
      throw new ConfigError(`Invalid --feed "${location}": expected an http(s) URL or a local file path.`);
    }
    const id = uniqueId(deriveFeedId(location), ids);
    ids.add(id);
    return resolveFeed({ id, url: location }, baseDir);
  });
}
