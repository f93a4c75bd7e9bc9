import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSiteSettings, SiteConfigError } from '#src/site-settings.ts';
import { readSiteSettings } from '#src/site-settings-fs.ts';

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SiteConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

const DEFAULTS = {
  title: 'feedshelf',
  description: 'An archive of feeds that outlives their publishers.',
  site: 'https://example.org',
  base: '/',
  lang: 'en',
  pageSize: 30,
  feedSize: 50,
  shareCards: true,
};

describe('feedshelf.config.yaml', () => {
  it('gives every setting its default when the file is missing or empty', () => {
    expect(parseSiteSettings(undefined, 'feedshelf.config.yaml')).toEqual(DEFAULTS);
    expect(parseSiteSettings('# nothing yet\n', 'feedshelf.config.yaml')).toEqual(DEFAULTS);
  });

  it('reads the settings written, and lets FEEDSHELF_SITE, FEEDSHELF_BASE and FEEDSHELF_LANG win', () => {
    const text = 'title: Reading list\nsite: https://me.example\nbase: /reads/\nlang: de\npageSize: 10\n';
    expect(parseSiteSettings(text, 'feedshelf.config.yaml')).toEqual({
      ...DEFAULTS,
      title: 'Reading list',
      site: 'https://me.example',
      base: '/reads/',
      lang: 'de',
      pageSize: 10,
    });
    const env = { FEEDSHELF_SITE: 'https://ci.example', FEEDSHELF_BASE: 'archive', FEEDSHELF_LANG: 'ar' };
    expect(parseSiteSettings(text, 'feedshelf.config.yaml', env)).toMatchObject({
      site: 'https://ci.example',
      base: '/archive/',
      lang: 'ar',
    });
  });

  it('names the line, the key and what to write for each bad setting', () => {
    const text = 'title: Mine\nsite: ftp://me.example\nbase: reads\npageSize: 0\ntitel: typo\n';
    expect(message(() => parseSiteSettings(text, 'feedshelf.config.yaml'))).toBe(
      [
        'Invalid site settings in feedshelf.config.yaml:',
        '  feedshelf.config.yaml:2:1: site: expected the http(s) URL the site is deployed at, e.g. https://example.org',
        '  feedshelf.config.yaml:3:1: base: expected a path that starts and ends with "/", e.g. "/" or "/archive/"',
        '  feedshelf.config.yaml:4:1: pageSize: expected 1 to 500 items',
        '  feedshelf.config.yaml:5:1: titel: unknown setting; remove it or check its spelling; valid settings: title, description, site, base, lang, pageSize, feedSize, shareCards',
      ].join('\n'),
    );
  });

  it('says where the YAML breaks and when the file is not a mapping', () => {
    expect(message(() => parseSiteSettings('title: [open\n', 'feedshelf.config.yaml'))).toMatch(
      /^Invalid site settings in feedshelf\.config\.yaml:\n {2}feedshelf\.config\.yaml:2:1: \(YAML\): not valid YAML/,
    );
    expect(message(() => parseSiteSettings('- a list\n', 'feedshelf.config.yaml'))).toBe(
      'Invalid site settings in feedshelf.config.yaml:\n  feedshelf.config.yaml:1:1: (top level): expected a mapping of site settings',
    );
  });

  it('draws sharing cards unless shareCards is false', () => {
    expect(parseSiteSettings('shareCards: false\n', 'feedshelf.config.yaml').shareCards).toBe(false);
    expect(message(() => parseSiteSettings('shareCards: no\n', 'feedshelf.config.yaml'))).toBe(
      'Invalid site settings in feedshelf.config.yaml:\n  feedshelf.config.yaml:1:1: shareCards: expected true or false',
    );
  });

  it('takes a language tag Intl knows, and refuses one it does not', () => {
    expect(parseSiteSettings('lang: zh-Hant-TW\n', 'feedshelf.config.yaml').lang).toBe('zh-Hant-TW');
    expect(message(() => parseSiteSettings('title: x\nlang: en_US\n', 'feedshelf.config.yaml'))).toBe(
      'Invalid site settings in feedshelf.config.yaml:\n  feedshelf.config.yaml:2:1: lang: expected a BCP 47 language tag, e.g. en, de-AT or pt-BR',
    );
  });

  it('reads the file from the project root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'feedshelf-settings-'));
    try {
      expect(readSiteSettings(root, {})).toEqual(DEFAULTS);
      await writeFile(join(root, 'feedshelf.config.yaml'), 'title: Field notes\n');
      expect(readSiteSettings(root, {}).title).toBe('Field notes');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
