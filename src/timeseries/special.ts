/**
 * Special functions the detectors need: log-gamma, the regularised incomplete beta function, and the Student-t
 * and F distribution functions built on it. One implementation each, in `src/internal/special.ts` (Abramowitz &
 * Stegun 1964, chapters 6 and 26, and Lanczos 1964); re-exported here under the names `timeseries` publishes.
 */
export { fCdf, fQuantile, incompleteBeta, logBeta, logGamma, studentTCdf, studentTUpperTail } from '../internal/special';
