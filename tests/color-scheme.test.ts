/**
 * What lets a browser test scan dark mode with axe's colour rules alone (tests/e2e/axe-tags.mjs): the dark
 * scheme changes colours and nothing else, and the list of colour rules is axe's own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { AXE_COLOR_RULES, AXE_TAGS } from './e2e/axe-tags.mjs';

const SRC = new URL('../src/', import.meta.url).pathname;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(css|svelte)$/.test(entry.name) ? [path] : [];
  });
}

/** The body of each `@media (prefers-color-scheme: …)` block in `css`, braces matched. */
function colorSchemeBlocks(css: string): string[] {
  const blocks: string[] = [];
  for (const match of css.matchAll(/@media[^{]*prefers-color-scheme[^{]*\{/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0 && end < css.length) {
      if (css[end] === '{') depth += 1;
      if (css[end] === '}') depth -= 1;
      end += 1;
    }
    blocks.push(css.slice(match.index + match[0].length, end - 1));
  }
  return blocks;
}

/** The property names declared in a block of rules (`:root { --a: 1; }` gives `--a`). */
function declaredProperties(block: string): string[] {
  return [...block.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([\w-]+)\s*:[^;{}]*;/g)].map((match) => match[1] ?? '');
}

describe('the dark colour scheme', () => {
  it('sets colour custom properties and nothing else, in every stylesheet and component', () => {
    const blocks = sourceFiles(SRC).flatMap((file) =>
      colorSchemeBlocks(readFileSync(file, 'utf8')).map((block) => ({ file, block })),
    );
    expect(blocks.length).toBeGreaterThan(0);
    const notCustom = blocks.flatMap(({ file, block }) =>
      declaredProperties(block)
        .filter((property) => !/^--(color|shadow)/.test(property))
        .map((property) => `${file}: ${property}`),
    );
    expect(notCustom).toEqual([]);
  });

  it('is told apart from a block that changes more (the check above can fail)', () => {
    const css = '@media (prefers-color-scheme: dark) { :root { --color-bg: #000; } .nav { display: none; } }';
    expect(colorSchemeBlocks(css).flatMap(declaredProperties)).toEqual(['--color-bg', 'display']);
  });
});

describe('axe’s colour rules', () => {
  it('are the rules of its colour category that the browser tests’ tags turn on', () => {
    const colourRules = axe
      .getRules(AXE_TAGS)
      .filter((rule) => rule.tags.includes('cat.color'))
      .map((rule) => rule.ruleId);
    expect([...AXE_COLOR_RULES].sort()).toEqual(colourRules.sort());
  });
});
