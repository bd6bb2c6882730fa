import { fail } from './function-args.js';

/** Parses an RFC 3339 timestamp as Terraform requires it (with a time zone). */
export function parseTimestamp(text: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(text)) fail(`"${text}" is not an RFC 3339 timestamp`);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) fail(`"${text}" is not an RFC 3339 timestamp`);
  return date;
}

function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `timeadd("2024-01-01T00:00:00Z", "1h30m")`: Go durations. */
export function timeAdd(timestamp: string, duration: string): string {
  const match = /^([+-])?((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(duration);
  if (!match) fail(`"${duration}" is not a duration`);
  let ms = 0;
  for (const [, n, unit] of (match[2] as string).matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * (UNITS[unit as string] as number);
  const date = parseTimestamp(timestamp);
  return rfc3339(new Date(date.getTime() + (match[1] === '-' ? -ms : ms)));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `formatdate` in UTC (the zone of the timestamp is applied before formatting only for `Z`/offsets written as given). */
export function formatDate(spec: string, date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const tokens: [string, () => string][] = [
    ['YYYY', () => String(date.getUTCFullYear())],
    ['YY', () => two(date.getUTCFullYear() % 100)],
    ['MMMM', () => MONTHS[date.getUTCMonth()] as string],
    ['MMM', () => (MONTHS[date.getUTCMonth()] as string).slice(0, 3)],
    ['MM', () => two(date.getUTCMonth() + 1)],
    ['M', () => String(date.getUTCMonth() + 1)],
    ['DD', () => two(date.getUTCDate())],
    ['D', () => String(date.getUTCDate())],
    ['EEEE', () => DAYS[date.getUTCDay()] as string],
    ['EEE', () => (DAYS[date.getUTCDay()] as string).slice(0, 3)],
    ['hh', () => two(date.getUTCHours())],
    ['h', () => String(date.getUTCHours())],
    ['HH', () => two(date.getUTCHours() % 12 || 12)],
    ['H', () => String(date.getUTCHours() % 12 || 12)],
    ['mm', () => two(date.getUTCMinutes())],
    ['m', () => String(date.getUTCMinutes())],
    ['ss', () => two(date.getUTCSeconds())],
    ['s', () => String(date.getUTCSeconds())],
    ['AA', () => (date.getUTCHours() < 12 ? 'AM' : 'PM')],
    ['aa', () => (date.getUTCHours() < 12 ? 'am' : 'pm')],
    ['ZZZZZ', () => '+00:00'],
    ['ZZZZ', () => '+0000'],
    ['ZZZ', () => 'UTC'],
    ['Z', () => 'Z'],
  ];
  let out = '';
  for (let i = 0; i < spec.length; ) {
    if (spec[i] === "'") {
      const close = spec.indexOf("'", i + 1);
      if (close === -1) fail('formatdate(): unterminated quote');
      out += close === i + 1 ? "'" : spec.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    const token = tokens.find(([t]) => spec.startsWith(t, i));
    if (token) {
      out += token[1]();
      i += token[0].length;
    } else if (/[A-Za-z]/.test(spec[i] as string)) {
      return fail(`formatdate(): unsupported sequence at "${spec.slice(i)}"`);
    } else {
      out += spec[i];
      i++;
    }
  }
  return out;
}
