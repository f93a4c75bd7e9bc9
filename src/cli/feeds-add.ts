/**
 * `feedshelf feeds add URL`: add a feed to feeds.yaml once it is known to be
 * one. A web page's URL is followed to the first feed it links to
 * (`<link rel="alternate">`), the others listed; the feed must parse; its id
 * comes from its title (or --id), unique in the config. Fetched under the
 * address guard, with the config's allowNetworks and FEEDSHELF_ALLOW_NETWORKS.
 */

import { dirname, resolve } from 'node:path';
import { FeedIdSchema } from '#src/archive/schema.ts';
import { type LoadedConfig, parseConfig } from '#src/ingest/config.ts';
import { addFeedsToConfig, listedAs } from '#src/ingest/config-edit.ts';
import { ConfigError } from '#src/ingest/errors.ts';
import { newFeedId } from '#src/ingest/feed-id.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, packageVersion, userAgent } from '#src/ingest/http.ts';
import { allowNetworksFromEnv, parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { type ProbedFeed, probeFeed } from '#src/ingest/probe-fs.ts';
import { type CommandInput, command } from './_command.ts';
import { CONFIG_OPTION, configFile, readText, writeConfig } from './_config-file.ts';

const FORMATS: Record<ProbedFeed['format'], string> = {
  rss2: 'RSS 2.0',
  rss09: 'RSS 0.9x',
  rss1: 'RSS 1.0',
  atom: 'Atom',
  json: 'JSON Feed',
};

function checkId(id: string | undefined): void {
  if (id === undefined) return;
  if (!FeedIdSchema.safeParse(id).success) {
    throw new ConfigError(
      `--id ${JSON.stringify(id)} is not a feed id: use lower-case a-z, 0-9 and "-", at most 64 characters.`,
    );
  }
}

/** The page the feed was found on, before the line that adds it. */
function pageLine(feed: ProbedFeed): string[] {
  return feed.page ? [`${feed.page.url} is a web page; it links to the feed ${feed.url}`] : [];
}

/** The other feeds the page links to, after it. */
function otherLines(feed: ProbedFeed): string[] {
  const others = feed.page?.links.slice(1) ?? [];
  if (others.length === 0) return [];
  const head = `The page links to ${others.length} more feed${others.length === 1 ? '' : 's'}; add ${others.length === 1 ? 'it' : 'one'} with feedshelf feeds add URL:`;
  return [head, ...others.map((link) => `  ${link.url}${link.title ? ` (${link.title})` : ''}`)];
}

async function add({ io, args }: CommandInput): Promise<number> {
  const url = args.positional('url') ?? '';
  const file = configFile(args.string('config'));
  const id = args.string('id');
  const title = args.string('title');
  checkId(id);
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    throw new ConfigError(
      `${JSON.stringify(url)} is not an http(s) URL; give the address of a feed or of a page that links to one (a local file goes in ${file} by hand).`,
    );
  }
  const text = (await readText(file, 'Feed config')) ?? '';
  const config: LoadedConfig | undefined =
    text.trim() === '' ? undefined : parseConfig(text, file, dirname(resolve(io.cwd, file)));
  const taken = new Set(config?.feeds.map((entry) => entry.id));
  if (id !== undefined && taken.has(id)) throw new ConfigError(`The id ${id} is taken in ${file}; choose another.`);
  const already = listedAs(text, file, url);
  if (already !== undefined) throw new ConfigError(`${file} already lists ${url} as ${already}.`);
  const defaults = config?.defaults ?? {};
  const feed = await probeFeed(url, {
    allow: [
      ...parseAllowNetworks(defaults.allowNetworks ?? [], 'defaults.allowNetworks'),
      ...allowNetworksFromEnv(io.env.FEEDSHELF_ALLOW_NETWORKS),
    ],
    userAgent: userAgent(packageVersion(), defaults.userAgent),
    timeoutMs: defaults.timeout === undefined ? DEFAULT_TIMEOUT_MS : defaults.timeout * 1000,
    maxBytes: defaults.maxBytes ?? DEFAULT_MAX_BYTES,
  });
  const found = listedAs(text, file, feed.url);
  if (found !== undefined) {
    throw new ConfigError(`${file} already lists ${feed.url}, the feed ${url} links to, as ${found}.`);
  }
  // The id comes from the feed's own title; the config keeps a title only when one is given.
  const result = addFeedsToConfig(text, file, [
    {
      id: id ?? newFeedId(title ?? feed.title, feed.url, taken),
      url: feed.url,
      ...(title === undefined ? {} : { title }),
      tags: args.strings('tag'),
    },
  ]);
  const added = result.added[0];
  if (added === undefined) throw new ConfigError(`${file} already lists ${feed.url}.`);
  await writeConfig(file, result.text);
  const name = feed.title ? `"${feed.title}", ` : '';
  const lines = [
    ...pageLine(feed),
    `added ${added.id}: ${feed.url} (${name}${FORMATS[feed.format]}, ${feed.entries} ${feed.entries === 1 ? 'entry' : 'entries'}) to ${file}`,
    ...otherLines(feed),
    `The next snapshot archives it; feedshelf snapshot --only ${added.id} runs it alone.`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export const feedsAddCommand = command({
  meta: {
    name: 'add',
    description: 'Add a feed to the config, by its URL or the URL of a web page that links to it.',
  },
  args: {
    url: { type: 'positional', description: 'the feed, or a page with <link rel="alternate"> to a feed' },
    id: { type: 'string', valueHint: 'ID', description: "the feed's id (default: from its title, else its URL)" },
    title: { type: 'string', valueHint: 'TEXT', description: "display title (default: the feed's own)" },
    tag: { type: 'string', valueHint: 'TAG', description: 'a tag for every item of the feed' },
    ...CONFIG_OPTION,
  },
  repeatable: ['tag'],
  notes:
    'The feed is fetched and must parse before it is added. A page that links to several feeds adds the\nfirst and lists the others. Addresses on private networks are refused unless allowed by\ndefaults.allowNetworks in the config or FEEDSHELF_ALLOW_NETWORKS.',
  action: add,
});
