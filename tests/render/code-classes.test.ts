import { readFile } from 'node:fs/promises';
import type { ElementContent } from 'hast';
import { describe, expect, it } from 'vitest';
import {
  compactTokens,
  FONT_CLASSES,
  isDefaultBlockStyle,
  TOKEN_CLASSES,
  tokenClasses,
  unwrapLines,
} from '#src/render/code-classes.ts';

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

describe('compactTokens', () => {
  const text = (value: string): ElementContent => ({ type: 'text', value });
  const span = (value: string, ...classes: string[]): ElementContent => ({
    type: 'element',
    tagName: 'span',
    properties: classes.length > 0 ? { class: classes } : {},
    children: [text(value)],
  });

  it('writes a token in the block colour as its text, joined to the text beside it', () => {
    expect(compactTokens([span('SELECT', 'k'), span(' trace, '), span('count', 'f'), span('('), text(')')])).toEqual([
      span('SELECT', 'k'),
      text(' trace, '),
      span('count', 'f'),
      text('()'),
    ]);
  });

  it('joins neighbouring tokens of the same classes, and only those', () => {
    expect(compactTokens([span(' AND', 'k'), span(' name', 'k'), span(' <>', 'k'), span(' x', 'k', 'b')])).toEqual([
      span(' AND name <>', 'k'),
      span(' x', 'k', 'b'),
    ]);
    expect(compactTokens([span('"', 's'), span(' ', ''), span('"', 's')])).toEqual([
      span('"', 's'),
      text(' '),
      span('"', 's'),
    ]);
  });

  it('keeps a token that holds a style or an attribute as it is', () => {
    const styled: ElementContent = {
      type: 'element',
      tagName: 'span',
      properties: { style: 'color:#f00' },
      children: [text('x')],
    };
    const titled: ElementContent = {
      type: 'element',
      tagName: 'span',
      properties: { class: ['k'], title: 't' },
      children: [text('y')],
    };
    expect(compactTokens([styled, styled, titled, titled])).toEqual([styled, styled, titled, titled]);
  });
});

describe('unwrapLines', () => {
  it('puts what each line span holds in its place, the newlines between kept', () => {
    const token: ElementContent = { type: 'element', tagName: 'span', properties: { class: ['k'] }, children: [] };
    const line = (children: ElementContent[]): ElementContent => ({
      type: 'element',
      tagName: 'span',
      properties: { class: 'line' },
      children,
    });
    const newline: ElementContent = { type: 'text', value: '\n' };
    expect(unwrapLines([line([token]), newline, line([])])).toEqual([token, newline]);
  });
});

describe('isDefaultBlockStyle', () => {
  it("is true of the theme's colours and Astro's sideways scroll, which the stylesheet gives every block", () => {
    expect(
      isDefaultBlockStyle(
        'background-color:var(--astro-code-background);color:var(--astro-code-foreground); overflow-x: auto;',
      ),
    ).toBe(true);
  });

  it('is false of anything more, such as wrapped lines or another colour', () => {
    expect(isDefaultBlockStyle('color:var(--astro-code-foreground); overflow-x: auto; white-space: pre-wrap;')).toBe(
      false,
    );
    expect(isDefaultBlockStyle('background-color:#fff;color:#000')).toBe(false);
  });
});
