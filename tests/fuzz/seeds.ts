import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as r2008 from '../../rules/cn-gov-disclosure-2008/fixtures/report.ts';
import * as r2019 from '../../rules/cn-gov-disclosure-2019/fixtures/report.ts';
import * as r2021 from '../../rules/cn-gov-disclosure-2021/fixtures/report.ts';
import * as en from '../../rules/en-financial-statements/fixtures/report.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Seed {
  uri: string;
  text: string;
}

/** Real-shaped reports in every text format the adapters read: what the mutations start from. */
const REPORTS = [
  'examples/huaning-2018.txt',
  'examples/jiangzhou-transport/2023.md',
  'examples/jiangzhou-transport/2024.md',
  'examples/jiangzhou-transport/formats/2023.yaml',
  'examples/jiangzhou-transport/formats/2023.html',
  'examples/riverside-foundation/fy2024.md',
  'packages/adapters/test/fixtures/layout/statistics-2008.txt',
  'packages/adapters/test/fixtures/layout/table3-2021.txt',
  'packages/adapters/test/fixtures/html/seed-2018.html',
  'packages/adapters/test/fixtures/yaml/report-2021.yaml',
];

/** The consistent reports the packs' rule cases start from, in each format they are written in. */
const FIXTURES: Seed[] = [
  { uri: 'rules/cn-gov-disclosure-2008/fixtures/2008.txt', text: r2008.text() },
  { uri: 'rules/cn-gov-disclosure-2008/fixtures/2008.md', text: r2008.markdown() },
  { uri: 'rules/cn-gov-disclosure-2019/fixtures/2019.md', text: r2019.markdown2019() },
  { uri: 'rules/cn-gov-disclosure-2019/fixtures/2019.yaml', text: r2019.yaml2019() },
  { uri: 'rules/cn-gov-disclosure-2021/fixtures/2023.md', text: r2021.markdown() },
  { uri: 'rules/cn-gov-disclosure-2021/fixtures/2023.yaml', text: r2021.yaml() },
  { uri: 'rules/cn-gov-disclosure-2021/fixtures/2023.html', text: r2021.html() },
  { uri: 'rules/en-financial-statements/fixtures/fy2024.md', text: en.markdown() },
  { uri: 'rules/en-financial-statements/fixtures/fy2024.yaml', text: en.yaml() },
  { uri: 'rules/en-financial-statements/fixtures/fy2024.html', text: en.html() },
];

export const reports: Seed[] = [...REPORTS.map((uri) => ({ uri, text: readFileSync(join(root, uri), 'utf8') })), ...FIXTURES];

/** Published PDF and Word files (and damaged ones): what the binary mutations start from. */
const BINARIES = ['report-2023.pdf', 'report-2023-narrow.pdf', 'report-2023-top.pdf', 'cjk-cmap.pdf', 'truncated.pdf', 'report-2023.docx', 'truncated.docx'];
export const binaries: { uri: string; bytes: Uint8Array }[] = BINARIES.map((name) => ({
  uri: `published/${name}`,
  bytes: new Uint8Array(readFileSync(join(root, 'packages/adapters/test/fixtures/published', name))),
}));

/** Every file of the shipped packs, keyed as the in-memory pack host expects (`/rules/<pack>/<file>`). */
export const packFiles: Record<string, string> = {};
for (const id of readdirSync(join(root, 'rules'))) {
  for (const file of readdirSync(join(root, 'rules', id))) {
    if (/\.(ya?ml|json|md)$/u.test(file)) packFiles[`/rules/${id}/${file}`] = readFileSync(join(root, 'rules', id, file), 'utf8');
  }
}
export const packIds = Object.keys(packFiles)
  .filter((f) => f.endsWith('/pack.yaml'))
  .map((f) => f.split('/')[2] as string)
  .sort();

export const configText = readFileSync(join(root, 'examples/crossfoot.config.yaml'), 'utf8');
