/**
 * `cowsay` as shipped in docker/whalesay (cowsay 3.03 with the docker whale as default cow): the
 * message is word-wrapped at 40 columns in a speech balloon above the whale.
 */

const WHALE = [
  '    \\',
  '     \\',
  '      \\     ',
  '                    ##        .            ',
  '              ## ## ##       ==            ',
  '           ## ## ## ##      ===            ',
  '       /""""""""""""""""___/ ===        ',
  '  ~~~ {~~ ~~~~ ~~~ ~~~~ ~~ ~ /  ===- ~~~   ',
  '       \\______ o          __/            ',
  '        \\    \\        __/             ',
  '          \\____\\______/   ',
];

/** Text::Wrap at 40 columns: lines of at most 39 characters, broken at spaces. */
function wrap(text: string, width = 39): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter((w) => w !== '')) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ' ' + word;
      else {
        out.push(line);
        line = word;
      }
      while (line.length > width) {
        out.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    out.push(line);
  }
  return out;
}

/** The balloon and whale for `message`, as output lines. */
export function cowsay(message: string): string[] {
  const lines = wrap(message.replace(/\t/g, '        '));
  const max = Math.max(0, ...lines.map((l) => l.length));
  const pad = (l: string) => l + ' '.repeat(max - l.length);
  const out = [` ${'_'.repeat(max + 2)} `];
  if (lines.length === 1) out.push(`< ${pad(lines[0]!)} >`);
  else {
    lines.forEach((l, i) => {
      const [a, b] = i === 0 ? ['/', '\\'] : i === lines.length - 1 ? ['\\', '/'] : ['|', '|'];
      out.push(`${a} ${pad(l)} ${b}`);
    });
  }
  out.push(` ${'-'.repeat(max + 2)} `);
  return [...out, ...WHALE];
}
