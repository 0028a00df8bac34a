/** Test helpers for the report tests. */
import { FeedbackMinerError } from '../../src/errors';

/** Freezes an object graph, so that any mutation by the code under test throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A deep copy through JSON (NaN becomes null; the fixtures avoid NaN where this matters). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Calls `fn` and returns the FeedbackMinerError it throws (fails the test when it does not). */
export function thrown(fn: () => unknown): FeedbackMinerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError, nothing was thrown');
}

/**
 * A small XML well-formedness check for SVG strings: every start tag is closed in order, attribute values are
 * quoted, and no raw `<` or `&` (other than entity references) stands in text.
 */
export function isWellFormedXml(xml: string): boolean {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#39|#\d+);)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(xml)) !== null) {
    if (match[2] === undefined) return false;
    const [, closing, name, , selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing === '/') {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}
