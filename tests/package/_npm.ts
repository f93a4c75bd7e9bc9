/**
 * npm and the packed feedshelf as a user meets them: commands run in a child
 * process with the Node of this run first on the PATH and none of this
 * repository's own node_modules/.bin, so a site resolves only what it
 * installed itself.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';

export interface Run {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

const REPO_BIN = join(process.cwd(), 'node_modules', '.bin');

/** The PATH a user's shell would have: this run's Node first, the project's own bins left out. */
function userPath(): string {
  const rest = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== REPO_BIN && !dir.endsWith('/node_modules/.bin'));
  return [dirname(process.execPath), ...rest].join(delimiter);
}

/** Variables of the test runner that would point a command elsewhere than the site it runs in. */
const DROPPED = [
  'FEEDSHELF_ITEMS_DIR',
  'FEEDSHELF_STATE_DIR',
  'FEEDSHELF_CACHE_DIR',
  'CI',
  'npm_config_prefix',
  'INIT_CWD',
];

/** Runs `command` (split on spaces; no quoting) in `cwd`; never throws for a non-zero exit. */
export function sh(command: string, cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of DROPPED) delete base[name];
  for (const name of Object.keys(base)) if (name.startsWith('npm_')) delete base[name];
  const [file, ...args] = command.split(' ');
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      file ?? '',
      args,
      { cwd, env: { ...base, PATH: userPath(), NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ command, code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
      },
    );
  });
}

/** Throws with the command's output when it failed. */
export function expectOk(run: Run): Run {
  if (run.code !== 0) throw new Error(`${run.command} exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** `npm pack` of the folder `dir` into `into`; resolves to the tarball's path. */
export async function pack(dir: string, into: string): Promise<string> {
  await mkdir(into, { recursive: true });
  const run = expectOk(await sh(`npm pack --json --pack-destination ${into}`, dir));
  const [info] = JSON.parse(run.stdout) as { filename: string }[];
  if (info === undefined) throw new Error(`npm pack of ${dir} printed no file.`);
  return join(into, info.filename);
}

/**
 * A copy of the package's files at `dir` as the next release would ship them:
 * its version bumped to `version`, nothing else changed.
 */
export async function withVersion(dir: string, into: string, version: string): Promise<string> {
  await cp(dir, into, {
    recursive: true,
    filter: (source) => !/\/(node_modules|\.git|dist|content|bench|tests|\.astro)(\/|$)/.test(source.slice(dir.length)),
  });
  const file = join(into, 'package.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  manifest.version = version;
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return into;
}
