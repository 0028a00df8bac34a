/**
 * Adversarial regular expressions (issue #9): every regex literal in src/ (found by scanning the sources, so a new
 * one cannot slip past) is run by a small backtracking matcher written here that counts its STEPS (one step per
 * attempt to match a node at a position, as a backtracking engine like V8's Irregexp does) on worst-case inputs of
 * growing size n and 8n. Work must grow linearly: steps(8n) <= 10 steps(n) + 200. Positive controls prove the
 * method can fail: a quadratic regex (/a+b/ searched in a run of a's) and an exponential one (/^(\d+)+$/).
 *
 * The matcher supports the subset the sources use: literals, classes and escapes (a single character is tested by
 * the native engine, anchored, so classes and \p{...} mean exactly what they mean in JavaScript), `.`, groups
 * (capturing, named, non-capturing), lookahead, alternation, greedy and lazy quantifiers, ^, $, \b, \B; flags
 * i, u, g, s. It searches like `RegExp.prototype.exec` from every start position, and for `g` continues after each
 * match, as `replace` does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Node =
  | { type: 'char'; test: RegExp; dot?: boolean }
  | { type: 'seq'; items: Node[] }
  | { type: 'alt'; options: Node[] }
  | { type: 'look'; body: Node; negate: boolean }
  | { type: 'rep'; body: Node; min: number; max: number; greedy: boolean }
  | { type: 'bol' }
  | { type: 'eol' }
  | { type: 'boundary'; negate: boolean };

function parse(source: string, flags: string): Node {
  let pos = 0;
  const charFlags = flags.replace(/[gmy]/g, '');
  const single = (body: string): RegExp => new RegExp(`^(?:${body})$`, charFlags);

  function alternation(): Node {
    const options: Node[] = [sequence()];
    while (source[pos] === '|') {
      pos++;
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { type: 'alt', options };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') items.push(quantified(atom()));
    return { type: 'seq', items };
  }

  function quantified(node: Node): Node {
    const c = source[pos];
    let min = -1;
    let max = -1;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(pos));
      if (m === null) return node;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      pos += m[0].length - 1;
    } else return node;
    pos++;
    let greedy = true;
    if (source[pos] === '?') {
      greedy = false;
      pos++;
    }
    return { type: 'rep', body: node, min, max, greedy };
  }

  function atom(): Node {
    const c = source[pos] as string;
    if (c === '(') {
      pos++;
      let negate = false;
      let look = false;
      if (source.startsWith('?:', pos)) pos += 2;
      else if (source.startsWith('?=', pos) || source.startsWith('?!', pos)) {
        look = true;
        negate = source[pos + 1] === '!';
        pos += 2;
      } else if (source.startsWith('?<', pos) && source[pos + 2] !== '=' && source[pos + 2] !== '!') pos = source.indexOf('>', pos) + 1;
      else if (source[pos] === '?') throw new Error(`unsupported group in /${source}/`);
      const body = alternation();
      if (source[pos] !== ')') throw new Error(`unbalanced /${source}/`);
      pos++;
      return look ? { type: 'look', body, negate } : body;
    }
    if (c === '[') {
      let end = pos + 1;
      if (source[end] === '^') end++;
      if (source[end] === ']') end++;
      while (source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
      const body = source.slice(pos, end + 1);
      pos = end + 1;
      return { type: 'char', test: single(body) };
    }
    if (c === '^') {
      pos++;
      return { type: 'bol' };
    }
    if (c === '$') {
      pos++;
      return { type: 'eol' };
    }
    if (c === '.') {
      pos++;
      return { type: 'char', test: single(flags.includes('s') ? '[\\s\\S]' : '.'), dot: true };
    }
    if (c === '\\') {
      const next = source[pos + 1] as string;
      if (next === 'b' || next === 'B') {
        pos += 2;
        return { type: 'boundary', negate: next === 'B' };
      }
      const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[\s\S])/.exec(source.slice(pos)) as RegExpExecArray;
      pos += m[0].length;
      return { type: 'char', test: single(m[0]) };
    }
    pos += flags.includes('u') && (source.codePointAt(pos) as number) > 0xffff ? 2 : 1;
    return { type: 'char', test: single(c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) };
  }

  const root = alternation();
  if (pos !== source.length) throw new Error(`could not parse /${source}/ at ${pos}`);
  return root;
}

class TooManySteps extends Error {}

/** Counts the steps of a backtracking search of `regex` over `text`, as `replace` with the `g` flag would run it. */
export function countSteps(regex: RegExp, text: string, limit = 1_000_000): number {
  const root = parse(regex.source, regex.flags);
  const unicode = regex.flags.includes('u');
  const word = /\w/;
  let steps = 0;
  const width = (i: number): number => (unicode && (text.codePointAt(i) as number) > 0xffff ? 2 : 1);
  const isWord = (i: number): boolean => i >= 0 && i < text.length && word.test(text[i] as string);

  function match(node: Node, i: number, k: (j: number) => boolean): boolean {
    if (++steps > limit) throw new TooManySteps();
    switch (node.type) {
      case 'char': {
        if (i >= text.length) return false;
        const w = width(i);
        return node.test.test(text.slice(i, i + w)) && k(i + w);
      }
      case 'seq': {
        const next = (index: number, j: number): boolean =>
          index === node.items.length ? k(j) : match(node.items[index] as Node, j, (after) => next(index + 1, after));
        return next(0, i);
      }
      case 'alt':
        return node.options.some((option) => match(option, i, k));
      case 'look': {
        const found = match(node.body, i, () => true);
        return (node.negate ? !found : found) && k(i);
      }
      case 'bol':
        return i === 0 && k(i);
      case 'eol':
        return i === text.length && k(i);
      case 'boundary':
        return (isWord(i - 1) !== isWord(i)) !== node.negate && k(i);
      case 'rep': {
        const loop = (count: number, j: number): boolean => {
          const more = (): boolean => count < node.max && match(node.body, j, (after) => (after !== j || count < node.min) && loop(count + 1, after));
          if (node.greedy) return more() || (count >= node.min && k(j));
          return (count >= node.min && k(j)) || more();
        };
        return loop(0, i);
      }
    }
  }

  const global = regex.flags.includes('g');
  let start = 0;
  try {
    while (start <= text.length) {
      let end = -1;
      let from = start;
      for (; from <= text.length; from++) {
        if (match(root, from, (j) => ((end = j), true))) break;
      }
      if (end < 0 || !global) break;
      start = end > from ? end : from + 1;
    }
  } catch (error) {
    if (error instanceof TooManySteps) return Infinity;
    throw error;
  }
  return steps;
}

// --- the regexes of src/ --------------------------------------------------------------------------------------

/** Regex literals in a TypeScript source: a `/` where an expression starts, read to its closing `/` and flags. */
function regexLiterals(code: string): RegExp[] {
  const found: RegExp[] = [];
  let i = 0;
  let previous = '';
  while (i < code.length) {
    const c = code[i] as string;
    if (c === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      i = j + 1;
      previous = c;
      continue;
    }
    if (c === '/' && (previous === '' || '(,=:[!&|?{};+-*%<>~^'.includes(previous) || /\b(return|typeof|case)$/.test(code.slice(Math.max(0, i - 8), i).trimEnd()))) {
      let j = i + 1;
      let inClass = false;
      while (j < code.length && (inClass || code[j] !== '/') && code[j] !== '\n') {
        if (code[j] === '\\') j++;
        else if (code[j] === '[') inClass = true;
        else if (code[j] === ']') inClass = false;
        j++;
      }
      if (code[j] === '/') {
        const flags = /^[dgimsuvy]*/.exec(code.slice(j + 1))?.[0] ?? '';
        try {
          found.push(new RegExp(code.slice(i + 1, j), flags));
        } catch {
          // Not a regex after all (a division the heuristic misread): skipped.
        }
        i = j + 1 + flags.length;
        previous = 'x';
        continue;
      }
    }
    if (!/\s/.test(c)) previous = c;
    i++;
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// Pieces that worst-case inputs are built from: each is repeated n times, then a character no pattern expects.
const PUMPS = ['a', 'Z', '1', '0', ' ', '\t', '\n', '.', ',', '-', '+', ':', '/', '#', '$', '*', '_', '=', ';', '&', "'", '<', '|', 'é', '\u0301', '😀', '\u0000', '\ufeff', 'T', 'e', 'W', '1.', '1,', '12:', 'a ', '1 ', '-1', 'ab', '\r\n'];
const PREFIXES = ['', '2026-01-05T10:00', '2026-', '1', '#'];

function worst(regex: RegExp, n: number): { steps: number; input: string } {
  let result = { steps: 0, input: '' };
  for (const prefix of PREFIXES) {
    for (const pump of PUMPS) {
      const input = `${prefix}${pump.repeat(n)}\u0007`;
      const steps = countSteps(regex, input);
      if (steps > result.steps) result = { steps, input: `${prefix}${JSON.stringify(pump)} x ${n}` };
    }
  }
  return result;
}

function assertLinear(regex: RegExp): void {
  const small = worst(regex, 40);
  const large = worst(regex, 320);
  const message = `/${regex.source}/${regex.flags}: ${small.steps} steps on ${small.input}, ${large.steps} on ${large.input}`;
  // Infinity means the step limit was hit: exponential or worse.
  expect(large.steps, message).toBeLessThan(Infinity);
  expect(large.steps, message).toBeLessThanOrEqual(10 * small.steps + 200);
}

const ROOT = join(__dirname, '../../src');
const FILES = sources(ROOT);
const ALL = FILES.flatMap((file) => regexLiterals(readFileSync(file, 'utf8')).map((regex) => ({ file: file.slice(ROOT.length + 1), regex })));

describe('countSteps, the step counter, on known cases', () => {
  it('agrees with the native engine on what matches', () => {
    const cases: [RegExp, string][] = [
      [/^(\d{4})-(\d{2})$/, '2026-03'],
      [/\B(?=(\d{3})+(?!\d))/g, '1234567'],
      [/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/, '-1.5e3'],
      [/\p{L}/u, '😀é'],
      [/a+?b/, 'aaab'],
    ];
    for (const [regex, text] of cases) expect(countSteps(regex, text)).toBeLessThan(Infinity);
  });

  it('a linear regex passes: /^\\d+$/ and /\\s+/g', () => {
    assertLinear(/^\d+$/);
    assertLinear(/\s+/g);
  });

  it('positive control: a quadratic regex fails (/a+b/ searched in a run of a, and the old thousands separator)', () => {
    expect(() => assertLinear(/a+b/)).toThrow();
    expect(() => assertLinear(/\B(?=(\d{3})+(?!\d))/g)).toThrow();
  });

  it('positive control: an exponential regex fails (/^(\\d+)+$/)', () => {
    expect(() => assertLinear(/^(\d+)+$/)).toThrow();
  });

  it('positive control: the old tagThemes wildcard regex for "*a*a*" fails', () => {
    expect(() => assertLinear(/^\p{L}*a\p{L}*a\p{L}*$/u)).toThrow();
  });
});

describe('every regex literal in src/ is linear on worst-case inputs', () => {
  it(`found the regexes (${ALL.length} literals in ${FILES.length} files)`, () => {
    expect(ALL.length).toBeGreaterThan(60);
  });
  for (const { file, regex } of ALL) {
    it(`${file}: /${regex.source}/${regex.flags}`, () => assertLinear(regex));
  }
});
