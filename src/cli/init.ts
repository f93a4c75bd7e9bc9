/**
 * `feedshelf init DIR`: a new site in DIR, ready for `npm install`: its
 * package.json (feedshelf and Astro as dependencies), astro.config.mjs with the
 * integration, feedshelf.config.yaml, an empty feeds.yaml, content/, the
 * workflow that archives and deploys it on GitHub, Dependabot's config and a
 * README (src/scaffold/). The site's settings come from the options, or from
 * the folder's name and the defaults.
 */
import { basename, resolve } from 'node:path';
import { packageName, type SiteAnswers, siteSettingsYaml } from '#src/scaffold/files.ts';
import { packageFacts, scaffoldSite } from '#src/scaffold/scaffold-fs.ts';
import { parseSiteSettings, SITE_SETTINGS_FILE, SiteConfigError } from '#src/site-settings.ts';
import { type CommandInput, command } from './_command.ts';
import { UsageError } from './errors.ts';

/** The settings file the site starts with is checked as the build will read it; a bad value names its option. */
function checkAnswers(answers: SiteAnswers, name: string): void {
  try {
    parseSiteSettings(siteSettingsYaml(answers), SITE_SETTINGS_FILE);
  } catch (error) {
    if (!(error instanceof SiteConfigError)) throw error;
    const problems = error.problems.map((problem) => `--${problem.key}: ${problem.message}`);
    throw new UsageError('invalid-value', `Invalid option for ${name}: ${problems.join('; ')}.`, name);
  }
}

async function init({ io, args, name }: CommandInput): Promise<number> {
  const given = args.positional('dir');
  if (given === undefined || given === '') {
    throw new UsageError('missing-argument', `${name} needs the folder to create the site in.`, name);
  }
  const dir = resolve(io.cwd, given);
  const folder = basename(dir);
  const answers: SiteAnswers = {
    name: packageName(folder),
    title: args.string('title') ?? folder,
    site: args.string('site') ?? 'https://example.org',
    base: args.string('base') ?? '/',
    lang: args.string('lang') ?? 'en',
  };
  checkAnswers(answers, name);
  const written = await scaffoldSite(dir, answers, await packageFacts(args.string('from'), io.cwd));
  const lines = [
    `Created ${answers.title} in ${dir}: ${written.length} files.`,
    '',
    'Next:',
    `  cd ${given}`,
    '  npm install',
    '  npx feedshelf feeds add URL      # a feed, or a site that links to one',
    '  npm run snapshot',
    '  npm run build',
    '',
    'The README says how to publish it with GitHub Pages.',
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export const initCommand = command({
  meta: { name: 'init', description: 'Create a new feed archive site in a folder.' },
  args: {
    dir: { type: 'positional', description: 'the folder to create (new or empty)' },
    title: { type: 'string', valueHint: 'TEXT', description: "the site's title (default: the folder's name)" },
    site: { type: 'string', valueHint: 'URL', description: 'the URL it is deployed at (default: https://example.org)' },
    base: { type: 'string', valueHint: 'PATH', description: 'the sub-path it is served under (default: /)' },
    lang: { type: 'string', valueHint: 'TAG', description: "the language of the site's text (default: en)" },
    from: {
      type: 'string',
      valueHint: 'SPEC',
      description:
        "the feedshelf dependency to write: a version range or a packed .tgz (default: this version's ^range)",
    },
  },
  notes: 'Every setting can be changed later in feedshelf.config.yaml.',
  action: init,
});
