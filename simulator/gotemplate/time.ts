/** Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`) for `time.Time.Format`, as sprig's `date` uses them. */
import { GoTime } from './value.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, w: number, ch = '0'): string => String(n).padStart(w, ch);

function offset(mins: number, colon: boolean, seconds: boolean, z: boolean): string {
  if (z && mins === 0) return 'Z';
  const sign = mins < 0 ? '-' : '+';
  const a = Math.abs(mins);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  return colon ? `${sign}${hh}:${mm}${seconds ? ':00' : ''}` : `${sign}${hh}${mm}${seconds ? '00' : ''}`;
}

/** Layout tokens, longest first so `January` wins over `Jan` and `2006` over `2`. */
const TOKENS: [string, (d: Date, t: GoTime) => string][] = [
  ['January', (d) => MONTHS[d.getUTCMonth()]!],
  ['Monday', (d) => DAYS[d.getUTCDay()]!],
  ['Z07:00:00', (_, t) => offset(t.offsetMinutes, true, true, true)],
  ['-07:00:00', (_, t) => offset(t.offsetMinutes, true, true, false)],
  ['Z07:00', (_, t) => offset(t.offsetMinutes, true, false, true)],
  ['-07:00', (_, t) => offset(t.offsetMinutes, true, false, false)],
  ['Z0700', (_, t) => offset(t.offsetMinutes, false, false, true)],
  ['-0700', (_, t) => offset(t.offsetMinutes, false, false, false)],
  ['Z07', (_, t) => offset(t.offsetMinutes, false, false, true).slice(0, 3)],
  ['-07', (_, t) => offset(t.offsetMinutes, false, false, false).slice(0, 3)],
  ['2006', (d) => pad(d.getUTCFullYear(), 4)],
  ['.000000000', (d) => `.${pad(d.getUTCMilliseconds(), 3)}000000`],
  ['.000000', (d) => `.${pad(d.getUTCMilliseconds(), 3)}000`],
  ['.000', (d) => `.${pad(d.getUTCMilliseconds(), 3)}`],
  ['.999999999', (d) => (d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}` : '')],
  ['.999999', (d) => (d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}` : '')],
  ['.999', (d) => (d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}` : '')],
  ['Jan', (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3)],
  ['Mon', (d) => DAYS[d.getUTCDay()]!.slice(0, 3)],
  ['MST', (_, t) => t.zone],
  ['002', (d) => pad(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3)],
  ['01', (d) => pad(d.getUTCMonth() + 1, 2)],
  ['02', (d) => pad(d.getUTCDate(), 2)],
  ['_2', (d) => pad(d.getUTCDate(), 2, ' ')],
  ['03', (d) => pad(d.getUTCHours() % 12 || 12, 2)],
  ['04', (d) => pad(d.getUTCMinutes(), 2)],
  ['05', (d) => pad(d.getUTCSeconds(), 2)],
  ['06', (d) => pad(d.getUTCFullYear() % 100, 2)],
  ['15', (d) => pad(d.getUTCHours(), 2)],
  ['PM', (d) => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
  ['pm', (d) => (d.getUTCHours() >= 12 ? 'pm' : 'am')],
  ['1', (d) => String(d.getUTCMonth() + 1)],
  ['2', (d) => String(d.getUTCDate())],
  ['3', (d) => String(d.getUTCHours() % 12 || 12)],
  ['4', (d) => String(d.getUTCMinutes())],
  ['5', (d) => String(d.getUTCSeconds())],
];

export function formatTime(t: GoTime, layout: string): string {
  // Wall-clock fields in the time's own zone.
  const d = new Date(t.ms + t.offsetMinutes * 60_000);
  let out = '';
  for (let i = 0; i < layout.length; ) {
    const hit = TOKENS.find(([tok]) => layout.startsWith(tok, i));
    if (hit) {
      out += hit[1](d, t);
      i += hit[0].length;
    } else out += layout[i++];
  }
  return out;
}

/** `time.Time.String()`. */
export function timeString(t: GoTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}
