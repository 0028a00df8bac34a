import { FeedbackMinerError } from '../errors';

const sealed = new WeakSet<object>();

/**
 * A `Set` that refuses changes once built, for exported constant sets (`STOPWORDS`, `NEGATORS`): a `ReadonlySet`
 * type alone does not stop `(STOPWORDS as Set<string>).add('x')`, which would silently change every later call of
 * the library in the process (hidden global state).
 */
export class FrozenSet<T> extends Set<T> {
  constructor(name: string, values: Iterable<T>) {
    super(values);
    Object.defineProperty(this, 'name', { value: name, enumerable: false });
    sealed.add(this);
    Object.freeze(this);
  }

  private refuse(method: string): never {
    const name = (this as unknown as { name: string }).name;
    throw new FeedbackMinerError('INVALID_ARGUMENT', `${name}.${method}: expected ${name} to be left unchanged, found a call to ${method}; copy it with new Set(${name})`, {
      where: `${name}.${method}`,
    });
  }

  override add(value: T): this {
    if (sealed.has(this)) this.refuse('add');
    return super.add(value);
  }

  override delete(value: T): boolean {
    if (sealed.has(this)) this.refuse('delete');
    return super.delete(value);
  }

  override clear(): void {
    if (sealed.has(this)) this.refuse('clear');
    super.clear();
  }
}
