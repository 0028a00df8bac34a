/**
 * Texts for checking and timing the sentiment stage: the sentiment benchmark's texts (sentiment-uci and the
 * absa-restaurants sentences, read as benchmarks/sentiment.ts reads them), seeded synthetic feedback, and hostile
 * strings (emoji, long runs, CRLF, mixed scripts, lone surrogates). Reads ../shared/data from the repo root; the
 * dev-data parts are empty when it is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomFromSeed } from '../../src/internal/random';
import { readAbsa, readUci } from './dev-data';

/** The sentences of one sentiment-uci file, as benchmarks/sentiment.ts reads them; empty when absent. */
export function readUciTexts(dataDir: string, file: string): string[] {
  return existsSync(join(dataDir, 'sentiment-uci', `${file}_labelled.txt`)) ? readUci(dataDir, file).map((r) => r.text) : [];
}

/** The `<text>` of every absa-restaurants training sentence; empty when absent. */
export function readAbsaTexts(dataDir: string): string[] {
  return existsSync(join(dataDir, 'absa-restaurants', 'Restaurants_Train_v2.xml')) ? readAbsa(dataDir).map((s) => s.text) : [];
}

/** The speed texts of benchmarks/sentiment.ts: amazon_cells, yelp, imdb, then the absa sentences. */
export function benchmarkTexts(dataDir: string): string[] {
  return [...['amazon_cells', 'yelp', 'imdb'].flatMap((f) => readUciTexts(dataDir, f)), ...readAbsaTexts(dataDir)];
}

/** Hand-picked hostile strings plus seeded random mixtures of awkward pieces. */
export function hostileTexts(count = 3000, seed = 7): string[] {
  const fixed = [
    '',
    '   ',
    '\r\n\r\n',
    'Great!!!\r\nBut the delivery was LATE.\r\nStill waiting :(',
    'sooooo goooood 😍😍😍 but 👎🏽 shipping',
    '👨‍👩‍👧‍👦 family 🇬🇧🇫🇷 flags #️⃣ 1️⃣ keycaps ❤️ ❤ ☺️',
    'a'.repeat(5000),
    '!'.repeat(3000),
    '?!'.repeat(1000),
    '.'.repeat(2000),
    'x'.repeat(1000) + '@' + 'y'.repeat(1000) + '.com',
    'a.'.repeat(2000),
    'www.' + 'ab.'.repeat(1000),
    'Это ОЧЕНЬ хорошо, но доставка плохая. 很好 非常好!! ダメです。 مرحبا جيد',
    'İstanbul ǅ ﬁne ＧＲＥＡＴ ｓｅｒｖｉｃｅ ½ ² Ⅻ',
    '\uD800 lone \uDC00 surrogates \uD83D',
    "I don't can't won't shan't ain't it's we're I've you'll I'm he'd",
    'I didn’t like it ‘at all’ — not good – “really” bad',
    'CANNOT cannot CanNot can not',
    'e.g. U.S. a.m. p.m. i.e. etc.',
    'Rated 4/5, 9 out of 10, 5 stars, 2 / 10, 100/100, 3hrs, 45min, two weeks, a couple of days, for days',
    'Not bad at all. Not very good. NOT GOOD!!! not only good but great',
    'Order #12345 cost $12.50 (12,000 units @ 10%) at 10:30 on the 2nd',
    'email me at a.b-c@example.co.uk or https://example.com/path?q=1) (see www.x.org.)',
    '@user #greatservice #100 #_ & #fail &#x; :) :-) :D xD XD <3 </3 :( D: ):',
    'Although the food was great, the service was terrible. If it were good, I would come back?',
    'far from good. avoid the damage. too salty, too small, me too',
    'as well as. oh well. It works well. I like it. like a charm',
    'constructor __proto__ toString hasOwnProperty valueOf',
    '\u0301\u0301\u0301 combining marks a\u0301\u0301\u0301\u0301b',
    '\u200d\u200d zwj \u00ad soft\u00adhyphen \u{E0067} tag',
    'well-known hassle-free o\'clock rock-n-roll x-y-z--w',
    'ok.ok.ok,ok;ok:ok(ok)ok[ok]ok{ok}',
    'tab\tseparated\tvalues\fform\vvertical',
    'line one\nline two\n\nline three\r\rline four',
    'Great service! Not bad? Why not… Absolutely terrible!!!!!!',
  ];
  const pieces = [
    'good', 'bad', 'NOT', 'not', "don't", 'very', 'extremely', 'but', 'however', 'although', 'if', 'still waiting',
    'out of stock', 'on hold', '2 hours', 'three weeks', '!!!', '?', '.', ',', ';', ':)', ':(', '😍', '👎🏽', '❤️',
    '\r\n', '\n', '  ', 'sooo', 'GREAT', 'Ünïcödé', '日本語', 'عربى', 'http://x.io/a', 'a@b.co', '#tag', '@who',
    '$5', '10%', '4/5', 'never arrived', 'no one answered', 'refund', 'too', 'slightly', 'kind of', 'a bit',
    '\uD83D', 'x'.repeat(50), '-', '—', '…', "'", '’', '`', 'e.g.', 'cannot', 'far from', 'avoid', 'like', 'well',
  ];
  const random = randomFromSeed(seed);
  const rand = (): number => random.next();
  const out = [...fixed];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(rand() * 40);
    let s = '';
    for (let k = 0; k < length; k++) {
      s += pieces[Math.floor(rand() * pieces.length)] as string;
      const r = rand();
      if (r < 0.7) s += ' ';
      else if (r < 0.8) s += '';
      else if (r < 0.9) s += '\n';
      else s += ', ';
    }
    out.push(s);
  }
  return out;
}
