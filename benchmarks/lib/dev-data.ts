/**
 * Readers of the development data in ../shared/data (see its README), shared by the benchmarks: sentiment-uci
 * (`sentence<TAB>0|1`, split on the LAST tab: imdb has stray quotes) and the SemEval-2014 absa-restaurants XML
 * (sentences, aspect terms, aspect categories). Callers check that the files exist and skip when they do not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled sentence of sentiment-uci: label 0 negative, 1 positive. */
export interface UciRow {
  readonly text: string;
  readonly label: 0 | 1;
}

/** The rows of one sentiment-uci file (`amazon_cells`, `yelp`, `imdb`) in file order. */
export function readUci(dataDir: string, file: string): UciRow[] {
  const rows: UciRow[] = [];
  for (const line of readFileSync(join(dataDir, 'sentiment-uci', `${file}_labelled.txt`), 'utf8').split(/\r?\n/)) {
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    const label = line.slice(tab + 1).trim();
    if (label !== '0' && label !== '1') continue;
    rows.push({ text: line.slice(0, tab), label: label === '1' ? 1 : 0 });
  }
  return rows;
}

/** One absa-restaurants sentence: its position in the file, text, aspect terms and categories. */
export interface AbsaSentence {
  readonly index: number;
  readonly text: string;
  readonly terms: { term: string; polarity: string; from: number; to: number }[];
  readonly categories: { category: string; polarity: string }[];
}

/** The five XML entities and numeric character references. */
export function unescapeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match === null ? '' : unescapeXml(match[1] as string);
}

/** Every sentence of the absa-restaurants training file, by a small scanner of the SemEval XML. */
export function readAbsa(dataDir: string): AbsaSentence[] {
  const xml = readFileSync(join(dataDir, 'absa-restaurants', 'Restaurants_Train_v2.xml'), 'utf8');
  const out: AbsaSentence[] = [];
  for (const block of xml.matchAll(/<sentence\b[^>]*>([\s\S]*?)<\/sentence>/g)) {
    const body = block[1] as string;
    const textMatch = /<text>([\s\S]*?)<\/text>/.exec(body);
    if (textMatch === null) continue;
    out.push({
      index: out.length,
      text: unescapeXml(textMatch[1] as string),
      terms: [...body.matchAll(/<aspectTerm\b[^>]*\/?>/g)].map((m) => ({
        term: attribute(m[0], 'term'),
        polarity: attribute(m[0], 'polarity'),
        from: Number(attribute(m[0], 'from')),
        to: Number(attribute(m[0], 'to')),
      })),
      categories: [...body.matchAll(/<aspectCategory\b[^>]*\/?>/g)].map((m) => ({
        category: attribute(m[0], 'category'),
        polarity: attribute(m[0], 'polarity'),
      })),
    });
  }
  return out;
}
