import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FONT_CLASSES, TOKEN_CLASSES, tokenClasses } from '#src/render/code-classes.ts';

describe('tokenClasses', () => {
  it('turns a token colour into its class', () => {
    expect(tokenClasses('color:var(--astro-code-token-keyword)')).toEqual(['k']);
    expect(tokenClasses('color:var(--astro-code-token-string-expression)')).toEqual(['x']);
    expect(tokenClasses('color:var(--astro-code-token-inserted)')).toEqual(['gi']);
  });

  it('adds a class for each font style beside the colour', () => {
    expect(tokenClasses('color:var(--astro-code-token-link);text-decoration:underline')).toEqual(['a', 'u']);
    expect(tokenClasses('color:var(--astro-code-foreground);font-style:italic')).toEqual(['em']);
    expect(tokenClasses('color:var(--astro-code-foreground);font-weight:bold')).toEqual(['b']);
  });

  it('gives the block colour no class, since the token inherits it from <pre>', () => {
    expect(tokenClasses('color:var(--astro-code-foreground)')).toEqual([]);
    expect(tokenClasses('color:var(--astro-code-foreground);')).toEqual([]);
  });

  it('leaves a style it does not fully know alone', () => {
    expect(tokenClasses('color:#ff0000')).toBeUndefined();
    expect(tokenClasses('color:var(--astro-code-token-keyword);background:red')).toBeUndefined();
    expect(tokenClasses('color:var(--shiki-token-keyword)')).toBeUndefined();
    expect(tokenClasses('color:var(--astro-code-token-unknown)')).toBeUndefined();
  });
});

describe('the stylesheet', () => {
  it('has one rule per class, giving back what the inline style said', async () => {
    const css = await readFile(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
    const rules = new Map(
      [...css.matchAll(/^\.astro-code \.([a-z]+) \{\n {2}([^\n]+);\n\}$/gm)].map((match) => [match[1], match[2]]),
    );
    const expected = new Map<string, string>([
      ...Object.entries(TOKEN_CLASSES).map(([token, name]): [string, string] => [
        name,
        `color: var(--astro-code-token-${token})`,
      ]),
      ...Object.entries(FONT_CLASSES).map(([declaration, name]): [string, string] => [
        name,
        declaration.replace(':', ': '),
      ]),
    ]);
    expect(rules).toEqual(expected);
    expect(rules.size).toBe(15);
  });
});
