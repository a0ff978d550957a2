import { readReport } from '../../packages/adapters/src/index.ts';

const gens: Record<string, [string, (n: number) => string]> = {
  quotes: ['x.md', (n) => '>'.repeat(n) + ' hi'],
  lists: ['x.md', (n) => Array.from({ length: n }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n')],
  lists2: ['x.md', (n) => Array.from({ length: n }, (_, i) => '- '.repeat(i) + 'x').join('\n')],
  emph: ['x.md', (n) => '*a'.repeat(n)],
  emph2: ['x.md', (n) => '*'.repeat(n) + 'a' + '*'.repeat(n)],
  brackets: ['x.md', (n) => '['.repeat(n)],
  links: ['x.md', (n) => '[a]('.repeat(n)],
  wide: ['x.md', (n) => '|' + ' a |'.repeat(n) + '\n|' + '---|'.repeat(n) + '\n' + ('|' + ' 1 |'.repeat(n) + '\n').repeat(20)],
  rows: ['x.md', (n) => '| a | b | c |\n|---|---|---|\n' + Array.from({ length: n }, (_, i) => `| r${i} | ${i} | ${i * 2} |`).join('\n')],
  para: ['x.md', (n) => 'a'.repeat(n)],
  txtline: ['x.txt', (n) => '共'.repeat(n / 5) + '1'.repeat(n)],
  txtdigits: ['x.txt', (n) => '共' + '9'.repeat(n) + '条，其中1条'],
  txtpipes: ['x.txt', (n) => '|'.repeat(n)],
  txtrows: ['x.txt', (n) => '一、统计\n' + Array.from({ length: n }, (_, i) => `项目${i} | ${i} | ${i} |`).join('\n')],
  txtwide: ['x.txt', (n) => '| '.repeat(n) + '\n' + ('| 1 '.repeat(n) + '|\n').repeat(20)],
  htmldeep: ['x.html', (n) => '<div>'.repeat(n) + 'x'],
  htmlrows: ['x.html', (n) => '<table>' + Array.from({ length: n }, (_, i) => `<tr><td>r${i}</td><td>${i}</td></tr>`).join('') + '</table>'],
  htmlpara: ['x.html', (n) => '<p>' + '共1条，其中1条。'.repeat(n / 10) + '</p>'],
  yamlrows: ['x.yaml', (n) => 'tables:\n  - columns: [a, b]\n    rows:\n' + Array.from({ length: n }, (_, i) => `      - [r${i}, ${i}, ${i}]`).join('\n')],
  yamltext: ['x.yaml', (n) => 'text: "' + '共1条，其中1条。'.repeat(n / 10) + '"'],
  mdtext: ['x.md', (n) => '共1条，其中1条。'.repeat(n / 10)],
  txttext: ['x.txt', (n) => '共1条，其中1条。'.repeat(n / 10)],
  txtdates: ['x.txt', (n) => '2018年1月1日至2018年12月31日，'.repeat(n / 20)],
  txtlines: ['x.txt', (n) => '一、a\n（一）b\n1.c\n'.repeat(n / 12)],
};
const [name, ...sizes] = process.argv.slice(2);
const [uri, gen] = gens[name!]!;
const row: string[] = [];
for (const s of sizes) {
  const text = gen(Number(s));
  const c0 = process.cpuUsage();
  const doc = readReport({ uri, text });
  const c = process.cpuUsage(c0);
  row.push(`${s}:${((c.user + c.system) / 1000).toFixed(0)}ms${doc.problems.some((p) => p.code === 'internal') ? '!' : ''}`);
}
console.log(name!.padEnd(12), row.join('  '));
