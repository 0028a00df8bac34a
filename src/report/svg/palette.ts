/**
 * Colours of the charts and reports. The hues are the Okabe-Ito palette, distinguishable with the common
 * forms of colour blindness (Okabe, M. & Ito, K. (2008), "Color Universal Design"; Wong, B. (2011), "Points of
 * view: Color blindness", *Nature Methods* 8, 441). Where a colour carries text it is darkened until it has a
 * contrast of at least 4.5:1 on white (WCAG 2.1 success criterion 1.4.3); marks have at least 3:1 (1.4.11).
 * Meaning is never carried by colour alone: anomalies also differ in shape (triangles up and down), changes
 * carry a sign and an arrow.
 */
export const palette = {
  ink: '#1f2328',
  muted: '#57606a',
  grid: '#d8dee4',
  axis: '#8c959f',
  /** Okabe-Ito blue: the observed series. */
  series: '#0072B2',
  /** The expected band, drawn as a light tint of the series colour. */
  band: '#cfe3f1',
  /** Okabe-Ito vermillion: downward anomalies, bad news. */
  down: '#D55E00',
  /** Okabe-Ito bluish green: upward anomalies. */
  up: '#009E73',
  /** Change-point rules and level lines. */
  change: '#7B3294',
  event: '#6e7781',
  /** Text colours for good and bad news (darkened Okabe-Ito green and vermillion). */
  goodText: '#00704F',
  badText: '#A33F00',
  bar: '#0072B2',
  barNegative: '#D55E00',
} as const;

function channel(value: number): number {
  const s = value / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1, after sRGB IEC 61966-2-1). Cost O(1). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) return Number.NaN;
  const [r, g, b] = [match[1], match[2], match[3]].map((h) => channel(parseInt(h ?? '0', 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Contrast ratio of two `#rrggbb` colours, from 1 to 21 (WCAG 2.1, "contrast ratio"). Cost O(1).
 * @example contrastRatio('#000000', '#ffffff') // => 21
 */
export function contrastRatio(foreground: string, background: string): number {
  const a = relativeLuminance(foreground);
  const b = relativeLuminance(background);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
