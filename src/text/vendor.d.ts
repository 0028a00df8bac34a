// natural ships no types for its submodules; only the Porter stemmer's `stem` is used.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
