/** `date` over virtual time (UTC, like containers without TZ): default format, `+FORMAT`, `-u`, `-I`, `-R`, `+%s`. */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

export function strftime(ms: number, fmt: string): string {
  const d = new Date(ms);
  const map: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    y: () => p2(d.getUTCFullYear() % 100),
    m: () => p2(d.getUTCMonth() + 1),
    d: () => p2(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    H: () => p2(d.getUTCHours()),
    M: () => p2(d.getUTCMinutes()),
    S: () => p2(d.getUTCSeconds()),
    N: () => String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0'),
    s: () => String(Math.floor(ms / 1000)),
    a: () => DAYS[d.getUTCDay()]!,
    b: () => MONTHS[d.getUTCMonth()]!,
    h: () => MONTHS[d.getUTCMonth()]!,
    j: () => String(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0'),
    Z: () => 'UTC',
    z: () => '+0000',
    F: () => `${map.Y!()}-${map.m!()}-${map.d!()}`,
    T: () => `${map.H!()}:${map.M!()}:${map.S!()}`,
    D: () => `${map.m!()}/${map.d!()}/${map.y!()}`,
    R: () => `${map.H!()}:${map.M!()}`,
    c: () => `${map.a!()} ${map.b!()} ${map.e!()} ${map.T!()} ${map.Y!()}`,
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return fmt.replace(/%([a-zA-Z%])/g, (all, c: string) => (map[c] ? map[c]!() : all));
}

/** Output of `date ARGS` at `ms`, or an error message. */
export function dateCommand(args: string[], ms: number): { out: string } | { error: string } {
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  for (const a of args) {
    if (a === '-u' || a === '--utc') continue;
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-I' || a === '--iso-8601' || a === '-Idate') fmt = '%F';
    else if (a === '-Iseconds') fmt = '%FT%T+00:00';
    else if (a === '-R' || a === '--rfc-email') fmt = '%a, %d %b %Y %T +0000';
    else return { error: `date: invalid option -- '${a.replace(/^-+/, '')}'` };
  }
  return { out: strftime(ms, fmt) };
}
