// The one place the sentiment stage gets its tokens from: the text stage's tokenizer (negation scope included).
export { tokenize } from '../text/tokenize';
