/**
 * `feedshelf build` (`npm run build`): `astro build`, the whole build of the
 * site (pages, search index, audit), with Astro's own flags passed through and
 * any other flag refused before the build starts.
 */
import { PARTITION_VARIABLE, parsePartition } from '#src/partition/partition.ts';
import { type CommandInput, command } from './_command.ts';
import { runAstroBuild } from './astro-build-fs.ts';
import { UsageError } from './errors.ts';

/** The arguments without `--partition I/N` (or `--partition=I/N`), which are feedshelf's, not Astro's. */
function withoutPartition(argv: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--partition') i++;
    else if (!arg.startsWith('--partition=')) rest.push(arg);
  }
  return rest;
}

async function build({ io, args, argv, name }: CommandInput): Promise<number> {
  const partition = args.string('partition');
  if (partition === undefined) return runAstroBuild(argv, io.env);
  try {
    parsePartition(partition);
  } catch (error) {
    throw new UsageError('invalid-value', `--partition: ${(error as Error).message}`, name);
  }
  return runAstroBuild(withoutPartition(argv), { ...io.env, [PARTITION_VARIABLE]: partition.trim() });
}

export const buildCommand = command({
  meta: {
    name: 'build',
    description: 'Build the site into dist/ with astro build: pages, search index and build audit.',
  },
  args: {
    outDir: {
      type: 'string',
      valueHint: 'DIR',
      description: 'the output folder (default: dist, or FEEDSHELF_OUT_DIR)',
    },
    mode: { type: 'string', valueHint: 'MODE', description: 'the Astro mode (default: production)' },
    force: { type: 'boolean', description: "clear Astro's content layer cache first: render every item again" },
    devOutput: { type: 'boolean', description: 'a development build, as astro dev transforms code' },
    root: { type: 'string', valueHint: 'DIR', description: 'the project folder' },
    config: { type: 'string', valueHint: 'FILE', description: "Astro's config file (default: astro.config.mjs)" },
    site: {
      type: 'string',
      valueHint: 'URL',
      description: 'the URL the site is deployed at (see also FEEDSHELF_SITE)',
    },
    base: {
      type: 'string',
      valueHint: 'PATH',
      description: 'the sub-path it is served under (see also FEEDSHELF_BASE)',
    },
    partition: {
      type: 'string',
      valueHint: 'I/N',
      description: 'render the I-th of N shares of the pages, for `feedshelf merge` (see also FEEDSHELF_PARTITION)',
    },
    verbose: { type: 'boolean', description: "Astro's verbose logging" },
    silent: { type: 'boolean', description: 'no logging' },
  },
  notes:
    "These are astro build's own flags, passed to it as given, but --partition. The build reads the archive in content/\nand the FEEDSHELF_* variables of the README; it exits with astro build's exit code.",
  action: build,
});
