/**
 * Template tag that removes the common indentation and the first and last blank lines, so test code can
 * be indented with the test while YAML keeps its meaningful indentation. Interpolated values are inserted
 * after dedenting, each of their lines indented like the line they start on.
 */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const marker = '\u0000';
  const raw = strings.raw.map((s) => s.replace(/\\`/g, '`').replace(/\\\$/g, '$')).join(marker);
  const lines = raw.split('\n');
  if (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
  if (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  let index = 0;
  const body = lines
    .map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0)))
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      return line.replace(new RegExp(marker, 'g'), () => {
        const value = String(values[index++]);
        return value.replace(/\n(?=.)/g, `\n${indent}`);
      });
    })
    .join('\n');
  return `${body}\n`;
}

export const yaml = dedent;
export const hcl = dedent;
export const groovy = dedent;
