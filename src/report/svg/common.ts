import { escapeHtml } from '../escape';

/** A coordinate with at most one decimal, so that SVG strings stay short and stable. */
export function coord(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Shortens a label to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Makes an id safe for an XML id attribute. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}

/**
 * Opens an accessible, standalone-valid SVG: `role="img"`, a `<title>` and a `<desc>` referenced by
 * `aria-labelledby`, explicit width and height plus a viewBox so it also scales down in a narrow page.
 */
export function openSvg(options: {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description?: string | undefined;
  readonly className: string;
}): string {
  const id = safeId(options.id);
  const labelled = options.description === undefined ? `${id}-title` : `${id}-title ${id}-desc`;
  const desc = options.description === undefined ? '' : `<desc id="${id}-desc">${escapeHtml(options.description)}</desc>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${options.className}" width="${options.width}" height="${options.height}" ` +
    `viewBox="0 0 ${options.width} ${options.height}" role="img" aria-labelledby="${labelled}" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title>${desc}`
  );
}
