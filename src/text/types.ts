/** The kinds of token the tokenizer emits. */
export type TokenKind = 'word' | 'number' | 'emoji' | 'emoticon' | 'url' | 'email' | 'mention' | 'hashtag' | 'punct';

/** One token. `text === original.slice(start, end)` always holds for the string passed to `tokenize`. */
export interface Token {
  /** The token exactly as it stands in the original text. */
  readonly text: string;
  /** Normalised form: NFKC, lower case, unified quotes, elongations shortened (`soooo` -> `soo`), `n't` -> `not`. */
  readonly norm: string;
  readonly kind: TokenKind;
  /** UTF-16 offset of the first code unit in the original text. */
  readonly start: number;
  /** UTF-16 offset one past the last code unit in the original text. */
  readonly end: number;
  /** Inside the scope of a negation (`not`, `never`, `n't`, `without`, ...), up to the next clause boundary. */
  readonly negated: boolean;
  /** A run of three or more repeated letters was shortened in `norm` (`sooo` -> `soo`): emphasis. `tokenize` always sets it. */
  readonly elongated?: boolean;
  /** Written in capitals in mixed-case text (`GREAT` among lower-case words): emphasis. `tokenize` always sets it. */
  readonly shouted?: boolean;
}

export interface TokenizeOptions {
  /** Mark negation scope (default true): see `tokenize` and `NEGATORS` for the rule. */
  readonly negation?: boolean;
  /** Lower-case `norm` (default true). */
  readonly lowercase?: boolean;
}
