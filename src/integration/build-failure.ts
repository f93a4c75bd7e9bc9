/**
 * Whose a failed build is. Archive content never fails a build (the loaders
 * leave a bad file out), so a failure is either the user's configuration
 * (feedshelf.config.yaml and its FEEDSHELF_* variables, astro.config, feeds.yaml),
 * the machine (a full disk, a missing permission) or a bug in feedshelf, and
 * the message says which. Pure.
 */

/** Errors of the configuration: feedshelf's own (`code: 'config'`) and Astro's. */
const CONFIGURATION_ERRORS = new Set([
  'ConfigError',
  'SiteConfigError',
  'ConfigNotFound',
  'ConfigLegacyKey',
  'UnknownConfigError',
  'ZodError',
  '$ZodError',
]);

/** System errors that say the machine, not the code, is at fault. */
const MACHINE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EMFILE', 'ENFILE', 'ENOMEM']);

export type FailureKind = 'configuration' | 'machine' | 'bug';

function chain(error: unknown): unknown[] {
  const errors: unknown[] = [];
  for (let current = error; current !== undefined && errors.length < 10; ) {
    errors.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return errors;
}

/** What kind of failure `error` is, from it and its causes. */
export function failureKind(error: unknown): FailureKind {
  const errors = chain(error).filter((entry): entry is Error => entry instanceof Error);
  const code = (entry: Error) => ('code' in entry ? String(entry.code) : '');
  if (errors.some((entry) => code(entry) === 'config' || CONFIGURATION_ERRORS.has(entry.name))) {
    return 'configuration';
  }
  if (errors.some((entry) => MACHINE_ERRORS.has(code(entry)))) return 'machine';
  return 'bug';
}

/** Every message along the cause chain, in one line each. */
export function failureMessage(error: unknown): string {
  return chain(error)
    .map((entry) => (entry instanceof Error ? entry.message : String(entry)).trim())
    .filter((message, index, all) => message !== '' && all.indexOf(message) === index)
    .join(' ');
}

/** The line a failed build ends with: "configuration: …", "machine: …" or "feedshelf bug: … please report it". */
export function describeBuildFailure(error: unknown): string {
  const message = failureMessage(error);
  switch (failureKind(error)) {
    case 'configuration':
      return `configuration: ${message}`;
    case 'machine':
      return `the build machine: ${message}`;
    default:
      return `feedshelf bug: ${message} Please report it, with this output.`;
  }
}
