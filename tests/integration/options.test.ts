import { AstroError } from 'astro/errors';
import { describe, expect, it } from 'vitest';
import { optionsFromEnvironment, parseOptions } from '#src/integration/options.ts';

describe('optionsFromEnvironment', () => {
  it('leaves every step to its default when the variables are unset or empty', () => {
    expect(optionsFromEnvironment({})).toEqual({});
    expect(optionsFromEnvironment({ FEEDSHELF_SEARCH: '', FEEDSHELF_AUDIT: '' })).toEqual({});
  });

  it('turns each step on or off', () => {
    expect(optionsFromEnvironment({ FEEDSHELF_SEARCH: 'off' })).toEqual({ search: false });
    expect(optionsFromEnvironment({ FEEDSHELF_SEARCH: 'on', FEEDSHELF_AUDIT: 'off' })).toEqual({
      search: true,
      audit: false,
    });
  });

  it('rejects any other value, naming the variable', () => {
    expect(() => optionsFromEnvironment({ FEEDSHELF_AUDIT: 'no' })).toThrow(
      new AstroError('FEEDSHELF_AUDIT must be "on" or "off", not "no".', 'Unset FEEDSHELF_AUDIT to leave the step on.'),
    );
  });

  it('sets the render threads from FEEDSHELF_RENDER_WORKERS, 1 to 64', () => {
    expect(optionsFromEnvironment({ FEEDSHELF_RENDER_WORKERS: '3' })).toEqual({ renderWorkers: 3 });
    for (const value of ['0', '65', '2.5', 'many', '-1']) {
      expect(() => optionsFromEnvironment({ FEEDSHELF_RENDER_WORKERS: value })).toThrow(
        new AstroError(
          `FEEDSHELF_RENDER_WORKERS must be a whole number from 1 to 64, not "${value}".`,
          'Unset FEEDSHELF_RENDER_WORKERS to render on one thread with the incremental build.',
        ),
      );
    }
  });
});

describe('parseOptions', () => {
  it('runs every step by default, rendering on one thread', () => {
    const defaults = { search: true, audit: true, renderWorkers: 1, components: {}, customCss: [] };
    expect(parseOptions({})).toEqual(defaults);
    expect(parseOptions({ search: false, renderWorkers: 2 })).toEqual({ ...defaults, search: false, renderWorkers: 2 });
  });

  it('names the bad key', () => {
    expect(() => parseOptions({ audit: 'yes' })).toThrow(/^Invalid feedshelf integration options: audit: /);
    expect(() => parseOptions({ components: { Headr: './x.astro' } })).toThrow(
      /^Invalid feedshelf integration options: components: Unrecognized key: "Headr"/,
    );
  });
});
