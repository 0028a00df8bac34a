// Types for wink-sentiment's data modules (plain CommonJS objects; MIT, data derived from AFINN-165, Apache-2.0,
// and Emoji Sentiment Ranking 1.0, CC BY-SA 4.0). Only the data is imported, never wink-sentiment's scorer.
declare module 'wink-sentiment/src/afinn-en-165.js' {
  const afinn: Readonly<Record<string, number>>;
  export default afinn;
}
declare module 'wink-sentiment/src/afinn-en-165-2grams.js' {
  const afinn2Grams: Readonly<Record<string, Readonly<Record<string, number>>>>;
  export default afinn2Grams;
}
declare module 'wink-sentiment/src/emojis.js' {
  const emojis: Readonly<Record<string, number>>;
  export default emojis;
}
declare module 'wink-sentiment/src/emoticons.js' {
  const emoticons: Readonly<Record<string, number>>;
  export default emoticons;
}
declare module 'wink-sentiment/src/negations.js' {
  const negations: Readonly<Record<string, boolean>>;
  export default negations;
}
