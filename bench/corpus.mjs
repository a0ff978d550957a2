// Seeded corpus of realistic reports for the benchmarks: the example reports of examples/ under other issuers'
// names, grown to a given size with narrative paragraphs and a statistics table of 84 rows (83 units and their
// total), in every format the CLI reads as text: Markdown with front matter, YAML, plain text and HTML.
// The same seed gives the same bytes. `node bench/corpus.mjs DIR [--count N] [--kb K] [--mix] [--huge MB]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const read = (path) => readFileSync(join(EXAMPLES, path), 'utf8');

/** mulberry32: small, fast and the same everywhere. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['江', '河', '青', '白', '金', '云', '松', '柳', '桃', '梅', '兰', '竹', '石', '泉', '林'];
const SECOND = ['州', '阳', '山', '城', '安', '宁', '平', '源'];
const UNITS = [
  '办公室',
  '政策法规科',
  '综合规划科',
  '财务审计科',
  '运输管理科',
  '工程建设科',
  '安全监督科',
  '执法支队',
  '公路事业中心',
  '港航事业中心',
  '信息中心',
];

/** A distinct city for each issuer: 江州市, 河州市, … */
export function city(i) {
  const name = `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`;
  const round = Math.floor(i / (FIRST.length * SECOND.length));
  return `${name}${round ? round + 1 : ''}市`;
}

/** Narrative of the kind reports carry: dated work, counts, no totals to add up. */
function paragraph(rand, year) {
  const month = 1 + Math.floor(rand() * 12);
  const n = (lo, hi) => lo + Math.floor(rand() * (hi - lo));
  const forms = [
    () =>
      `${year}年${month}月，我局组织开展政务公开专题培训${n(1, 4)}次，参训人员${n(20, 120)}人次，围绕《条例》修订要点、依申请公开办理流程和保密审查要求逐项讲解，进一步提升了工作人员的业务能力。`,
    () =>
      `围绕交通运输重点领域，${year}年${month}月我局在门户网站开设专题专栏${n(1, 5)}个，集中发布公路建设项目批准、施工许可、招标投标、质量安全监督等信息${n(40, 300)}条，方便群众查询。`,
    () =>
      `我局坚持政策文件与解读材料同步起草、同步审签、同步发布，全年发布政策解读${n(5, 40)}篇，其中图文解读${n(2, 15)}篇、视频解读${n(1, 6)}个，主要负责同志带头解读政策${n(1, 4)}次。`,
    () =>
      `在政务新媒体管理方面，我局严格落实信息发布审核制度，${year}年${month}月对所属${n(2, 8)}个政务新媒体账号开展自查，整改问题${n(1, 12)}个，确保发布内容准确、及时、规范。`,
    () => `我局认真做好人大代表建议和政协委员提案办理工作，${year}年共承办建议提案${n(10, 60)}件，办理复文全部按要求公开，代表委员满意率持续保持较高水平。`,
    () => `持续优化依申请公开办理机制，建立申请登记、审核、答复、归档全流程台账，${year}年${month}月修订依申请公开工作规程，明确各环节办理时限和责任人员。`,
  ];
  return forms[Math.floor(rand() * forms.length)]();
}

/** The statistics table of 84 rows: 83 units and their total, each row adding up across. */
function unitRows(rand, name) {
  const rows = [];
  const total = [0, 0, 0, 0];
  for (let u = 0; u < 83; u++) {
    const web = Math.floor(rand() * 400);
    const media = Math.floor(rand() * 120);
    const other = Math.floor(rand() * 30);
    const row = [web, media, other, web + media + other];
    row.forEach((v, k) => {
      total[k] += v;
    });
    const unit = u < UNITS.length ? `${name}交通运输局${UNITS[u]}` : `${name}第${u - UNITS.length + 1}交通运输所`;
    rows.push([unit, ...row]);
  }
  rows.push(['合计', ...total]);
  return rows;
}

const STATS_HEADER = ['单位', '政府网站发布', '政务新媒体发布', '其他方式发布', '小计'];

function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function htmlTable(header, rows) {
  const tr = (cells, tag) => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  return `<table border="1">\n${tr(header, 'th')}\n${rows.map((r) => tr(r, 'td')).join('\n')}\n</table>`;
}

/**
 * Splits a report at its fifth section (`五、存在的主要问题及改进情况`), where the grown part goes, and returns
 * the text before it, the text from it on.
 */
function splitAt(text, marker) {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker} in the example`);
  return [text.slice(0, at), text.slice(at)];
}

const bytes = (s) => Buffer.byteLength(s);

/** Grows `parts` with paragraphs (and a statistics table now and then, for huge reports) until `target` bytes. */
function grow(rand, year, fixed, target, block) {
  const out = [];
  let size = fixed;
  while (size < target) {
    const p = block(paragraph(rand, year));
    out.push(p);
    size += bytes(p) + 2;
  }
  return out;
}

/** A Markdown report of about `kb` KB: the 2024 example, an 84-row statistics table, narrative to size. */
export function markdownReport(i, kb, rand) {
  const name = city(i);
  const base = read('jiangzhou-transport/2024.md').replaceAll('江州市', name);
  const [head, tail] = splitAt(base, '## 五、');
  const stats = `各单位主动公开政府信息情况统计表\n\n${markdownTable(STATS_HEADER, unitRows(rand, name))}\n\n`;
  const fixed = bytes(head) + bytes(stats) + bytes(tail);
  const extra = grow(rand, 2024, fixed, kb * 1024, (p) => p);
  return `${head}${stats}${extra.join('\n\n')}\n\n${tail}`;
}

/** A Markdown report of `mb` MB: a province's consolidated report, one section per unit with its table. */
export function hugeMarkdownReport(mb, rand) {
  const base = read('jiangzhou-transport/2024.md');
  const [head, tail] = splitAt(base, '## 五、');
  const parts = [head];
  let size = bytes(head) + bytes(tail);
  for (let u = 1; size < mb * 1024 * 1024; u++) {
    const name = city(u);
    let part = `### （${u}）${name}交通运输局\n\n`;
    for (let k = 0; k < 4; k++) part += `${paragraph(rand, 2024)}\n\n`;
    part += `${name}各单位主动公开政府信息情况统计表\n\n${markdownTable(STATS_HEADER, unitRows(rand, name))}\n\n`;
    parts.push(part);
    size += bytes(part);
  }
  parts.push(tail);
  return parts.join('');
}

export function yamlReport(i) {
  return read('jiangzhou-transport/formats/2023.yaml')
    .replaceAll('江州市', city(i))
    .replace(/^# yaml-language-server.*\n/u, '');
}

export function htmlReport(i, kb, rand) {
  const name = city(i);
  const base = read('jiangzhou-transport/formats/2023.html').replaceAll('江州市', name);
  const [head, tail] = splitAt(base, '<h2>五、');
  const stats = `<p><strong>各单位主动公开政府信息情况统计表</strong></p>\n${htmlTable(STATS_HEADER, unitRows(rand, name))}\n`;
  const extra = grow(rand, 2023, bytes(head) + bytes(stats) + bytes(tail), kb * 1024, (p) => `<p>${p}</p>`);
  return `${head}${stats}${extra.join('\n')}\n${tail}`;
}

export function textReport(i, kb, rand) {
  const name = city(i).replace('市', '县');
  const base = read('huaning-2018.txt').replaceAll('华宁县', name);
  const [head, tail] = splitAt(base, '十、信息公开相关举报');
  const extra = grow(rand, 2018, bytes(base), kb * 1024, (p) => p);
  return `${head}${extra.join('\n')}\n${tail}`;
}

/**
 * Writes `count` reports under `dir/reports`, one folder per issuer: Markdown only, or with `mix` every tenth a
 * YAML report, every tenth an HTML one and every tenth a plain-text one. Returns the files written.
 */
export function makeCorpus(dir, { count = 1000, kb = 15, mix = false, seed = 2024 } = {}) {
  const rand = random(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const folder = join(dir, 'reports', `issuer-${String(i).padStart(5, '0')}`);
    mkdirSync(folder, { recursive: true });
    const kind = mix ? ['md', 'md', 'md', 'yaml', 'md', 'md', 'html', 'md', 'md', 'txt'][i % 10] : 'md';
    const text =
      kind === 'md' ? markdownReport(i, kb, rand) : kind === 'yaml' ? yamlReport(i) : kind === 'html' ? htmlReport(i, kb, rand) : textReport(i, kb, rand);
    const file = join(folder, `report.${kind}`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      count: { type: 'string', default: '1000' },
      kb: { type: 'string', default: '15' },
      mix: { type: 'boolean', default: false },
      huge: { type: 'string' },
      seed: { type: 'string', default: '2024' },
    },
  });
  const dir = positionals[0];
  if (!dir) throw new Error('usage: node bench/corpus.mjs DIR [--count N] [--kb K] [--mix] [--huge MB]');
  if (values.huge) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'huge.md'), hugeMarkdownReport(Number(values.huge), random(Number(values.seed))));
  } else {
    const files = makeCorpus(dir, { count: Number(values.count), kb: Number(values.kb), mix: values.mix, seed: Number(values.seed) });
    console.log(`${files.length} reports under ${join(dir, 'reports')}`);
  }
}
