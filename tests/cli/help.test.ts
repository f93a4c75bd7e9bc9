/**
 * Every command answers --help, and a command line feedshelf does not know
 * (an unknown command or option, a missing or extra argument) is refused with
 * exit code 1 before anything runs, naming what was wrong and what is valid.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeFiles } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { feedshelf } from './_run.ts';

const SLOW = { timeout: 60_000 };
const temp = useTempDir('feedshelf-help-');

const CONFIG = 'feeds:\n  - id: notes\n    url: notes.xml\n';

describe('--help', () => {
  it('lists the commands of feedshelf', SLOW, async () => {
    expect(await feedshelf(['--help'], temp.path)).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Usage: feedshelf <command> [options]',
        '',
        'Archive RSS, Atom and JSON feeds as Markdown and build a searchable static site of them.',
        '',
        'Commands:',
        '  init      Create a new feed archive site in a folder.',
        '  snapshot  Fetch every feed in the config and archive its new and changed items as Markdown.',
        '  feeds     Add, list, remove and check the feeds in the config (feeds.yaml).',
        '  media     Look after the archived images (content/media/).',
        '  build     Build the site into dist/ with astro build: pages, search index and build audit.',
        '  merge     Merge the outputs of a partitioned build (build --partition I/N) into the site, and index it.',
        '',
        'Options:',
        '  --version   print the version of feedshelf',
        '  -h, --help  show this help',
        '',
        'Run feedshelf <command> --help for the options of a command.',
        '',
      ].join('\n'),
    });
  });

  it('lists the commands of feedshelf feeds, with -h too', SLOW, async () => {
    const help = await feedshelf(['feeds', '-h'], temp.path);
    expect(help).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Usage: feedshelf feeds <command> [options]',
        '',
        'Add, list, remove and check the feeds in the config (feeds.yaml).',
        '',
        'Commands:',
        '  add       Add a feed to the config, by its URL or the URL of a web page that links to it.',
        '  list      List the feeds of the config: id, title, URL and tags.',
        '  remove    Remove a feed from the config; what it archived is kept.',
        '  validate  Check the config without fetching anything; each problem with its line.',
        "  import    Add the feeds of an OPML file (a feed reader's export) to the config.",
        "  export    Print the config's feeds as OPML on stdout (feeds read from local files left out).",
        '',
        'Options:',
        '  -h, --help  show this help',
        '',
        'Run feedshelf feeds <command> --help for the options of a command.',
        '',
      ].join('\n'),
    });
  });

  it('gives the arguments and options of feedshelf feeds add', SLOW, async () => {
    expect(await feedshelf(['feeds', 'add', '--help'], temp.path)).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Usage: feedshelf feeds add URL [options]',
        '',
        'Add a feed to the config, by its URL or the URL of a web page that links to it.',
        '',
        'Arguments:',
        '  URL  the feed, or a page with <link rel="alternate"> to a feed',
        '',
        'Options:',
        "  --id ID        the feed's id (default: from its title, else its URL)",
        "  --title TEXT   display title (default: the feed's own)",
        '  --tag TAG      a tag for every item of the feed (repeatable)',
        '  --config FILE  feed config (default: feeds.yaml)',
        '  -h, --help     show this help',
        '',
        'The feed is fetched and must parse before it is added. A page that links to several feeds adds the',
        'first and lists the others. Addresses on private networks are refused unless allowed by',
        'defaults.allowNetworks in the config or FEEDSHELF_ALLOW_NETWORKS.',
        '',
      ].join('\n'),
    });
  });

  it('answers on every command, before anything runs', SLOW, async () => {
    const commands = [
      ['snapshot'],
      ['build'],
      ['merge'],
      ['feeds', 'list'],
      ['feeds', 'remove'],
      ['feeds', 'validate'],
      ['feeds', 'import'],
      ['feeds', 'export'],
    ];
    const results = await Promise.all(commands.map((command) => feedshelf([...command, '--help'], temp.path)));
    expect(results.map((result) => [result.code, result.stderr, result.stdout.split('\n')[0]])).toEqual([
      [0, '', 'Usage: feedshelf snapshot [options]'],
      [0, '', 'Usage: feedshelf build [options]'],
      [0, '', 'Usage: feedshelf merge PARTS [options]'],
      [0, '', 'Usage: feedshelf feeds list [options]'],
      [0, '', 'Usage: feedshelf feeds remove ID [options]'],
      [0, '', 'Usage: feedshelf feeds validate [options]'],
      [0, '', 'Usage: feedshelf feeds import FILE [options]'],
      [0, '', 'Usage: feedshelf feeds export [options]'],
    ]);
    expect(await treeFiles(temp.path)).toEqual([]);
  });

  it('prints the version', SLOW, async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(await feedshelf(['--version'], temp.path)).toEqual({ code: 0, stderr: '', stdout: `${manifest.version}\n` });
  });
});

describe('a command line feedshelf does not know', () => {
  it('names an unknown command and lists the valid ones', SLOW, async () => {
    expect(await feedshelf(['snapshots'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Unknown command "snapshots" for feedshelf. Valid commands: init, snapshot, feeds, media, build, merge.\nRun feedshelf --help for usage.\n',
    });
    expect(await feedshelf(['feeds', 'delete', 'notes'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Unknown command "delete" for feedshelf feeds. Valid commands: add, list, remove, validate, import, export.\nRun feedshelf feeds --help for usage.\n',
    });
    expect(await feedshelf([], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'feedshelf needs a command. Valid commands: init, snapshot, feeds, media, build, merge.\nRun feedshelf --help for usage.\n',
    });
  });

  it('names an unknown option and lists the valid ones, without running the command', SLOW, async () => {
    await writeFile(join(temp.path, 'feeds.yaml'), CONFIG);
    expect(await feedshelf(['feeds', 'remove', 'notes', '--force'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Unknown option --force for feedshelf feeds remove. Valid options: --config, --help.\nRun feedshelf feeds remove --help for usage.\n',
    });
    expect(await readFile(join(temp.path, 'feeds.yaml'), 'utf8')).toBe(CONFIG);
    expect(await feedshelf(['build', '--watch'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Unknown option --watch for feedshelf build. Valid options: --outDir, --mode, --force, --devOutput, --root, --config, --site, --base, --partition, --verbose, --silent, --help.\nRun feedshelf build --help for usage.\n',
    });
    expect(await feedshelf(['snapshot', '-x'], temp.path)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^Unknown option -x for feedshelf snapshot\. Valid options: --config, /),
    });
    expect(await treeFiles(temp.path)).toEqual(['feeds.yaml']);
  });

  it('says what an option or a command is missing, and refuses an argument it does not take', SLOW, async () => {
    const [value, argument, extra, flagValue] = await Promise.all([
      feedshelf(['snapshot', '--only'], temp.path),
      feedshelf(['feeds', 'remove'], temp.path),
      feedshelf(['feeds', 'list', 'notes'], temp.path),
      feedshelf(['feeds', 'list', '--json=yes'], temp.path),
    ]);
    expect(value).toEqual({
      code: 1,
      stdout: '',
      stderr: '--only needs a value: --only ID.\nRun feedshelf snapshot --help for usage.\n',
    });
    expect(argument).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'feedshelf feeds remove needs ID: feedshelf feeds remove ID [options]\nRun feedshelf feeds remove --help for usage.\n',
    });
    expect(extra).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Unexpected argument "notes" for feedshelf feeds list: feedshelf feeds list [options]\nRun feedshelf feeds list --help for usage.\n',
    });
    expect(flagValue).toEqual({
      code: 1,
      stdout: '',
      stderr: '--json takes no value.\nRun feedshelf feeds list --help for usage.\n',
    });
  });
});
