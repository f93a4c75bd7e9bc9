import { describe, expect, it } from 'vitest';
import { ConfigError } from '#src/ingest/errors.ts';
import { describeBuildFailure, failureKind } from '#src/integration/build-failure.ts';
import { buildReportClause } from '#src/integration/build-report-fs.ts';
import { loadSiteConfig } from '#src/site.config.ts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('describeBuildFailure', () => {
  it('puts a bad site setting on the configuration, naming the key', () => {
    const error = thrown(() => loadSiteConfig({ FEEDSHELF_SITE: 'not a url' }));
    expect(failureKind(error)).toBe('configuration');
    expect(describeBuildFailure(new Error('Failed to build the site with Astro.', { cause: error }))).toBe(
      'configuration: Failed to build the site with Astro. Invalid site settings in feedshelf.config.yaml:\n' +
        '  FEEDSHELF_SITE: expected the http(s) URL the site is deployed at, e.g. https://example.org',
    );
  });

  it("knows Astro's own configuration errors and feeds.yaml's", () => {
    const astro = Object.assign(new Error('Unable to resolve a config file.'), { name: 'ConfigNotFound' });
    expect(failureKind(new Error('Failed to build the site with Astro.', { cause: astro }))).toBe('configuration');
    expect(failureKind(new ConfigError('Invalid feed config feeds.yaml'))).toBe('configuration');
  });

  it('puts a full disk on the machine', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(describeBuildFailure(full)).toBe('the build machine: ENOSPC: no space left on device, write');
  });

  it('calls anything else a feedshelf bug and asks for a report', () => {
    const error = new Error('The article renderer cannot render a known-good article.', {
      cause: new Error('A render worker stopped before finishing.'),
    });
    expect(describeBuildFailure(error)).toBe(
      'feedshelf bug: The article renderer cannot render a known-good article. A render worker stopped before finishing. Please report it, with this output.',
    );
  });
});

describe('buildReportClause', () => {
  const leftOut = (count: number) => ({
    items: 2000,
    revisions: 0,
    states: 6,
    leftOut: Array.from({ length: count }, (_, index) => ({ kind: 'item' as const, file: `f${index}`, reason: 'r' })),
  });
  const path = { file: 'index.html', line: 1, path: '/home/ann', excerpt: '/home/ann' };

  it('says nothing when the build has nothing to report', () => {
    expect(buildReportClause({ localPaths: [] })).toBe('');
    expect(buildReportClause({ leftOut: leftOut(0), localPaths: [] })).toBe('');
  });

  it('counts the files left out and the build-machine paths', () => {
    expect(buildReportClause({ leftOut: leftOut(1), localPaths: [] })).toBe(', 1 item left out (see above)');
    expect(buildReportClause({ leftOut: leftOut(3), localPaths: [path, path] })).toBe(
      ', 3 items left out, 2 build-machine paths in the output (see above)',
    );
  });
});
