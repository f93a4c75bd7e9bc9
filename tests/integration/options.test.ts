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
});

describe('parseOptions', () => {
  it('runs every step by default', () => {
    expect(parseOptions({})).toEqual({ search: true, audit: true });
    expect(parseOptions({ search: false })).toEqual({ search: false, audit: true });
  });

  it('names the bad key', () => {
    expect(() => parseOptions({ audit: 'yes' })).toThrow(/^Invalid feedshelf integration options: audit: /);
  });
});
