import { loadPack, type Pack, type PackHost } from '@crossfoot/core';

/** A pack host over an in-memory folder: `files` maps `/rules/<id>/<file>` to its text. */
export function memoryHost(files: Record<string, string>): PackHost {
  const dir = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);
  return {
    resolvePack: (ref) => [`/rules/${ref}/pack.yaml`, ref].find((p) => p in files),
    readFile: (path) => files[path],
    resolveRelative: (file, relative) => dir(file) + relative.replace(/^\.\//u, ''),
  };
}

/** A small pack over the 主动公开 table and the narrative of a disclosure report. */
export const DEMO_PACK = `id: demo
version: 1.0.0
tables:
  regs:
    caption: 主动公开政府信息情况
    has-row: 规章
rules:
  - id: statement-sums
    check:
      statement-sums: { when: over }
  - id: repeated-phrase
    severity: info
    check:
      text-pattern: { repeated-phrase: { min: 2, max: 8 } }
  - id: current-total
    check:
      compare:
        relation: "regs[合计] = regs[规章] + regs[行政规范性文件]"
        for-each: column
  - id: current-carried
    check:
      previous-report:
        relation: "regs[合计][现行有效件数] = previous.regs[合计][现行有效件数] + regs[合计][本年制发件数] - regs[合计][本年废止件数]"
  - id: no-placeholder
    severity: warning
    messages:
      found:
        zh-CN: 报告中留有占位文字“{match}”
        en: "A placeholder was left in the report: {match}"
    check:
      text-pattern: { pattern: "XX局|TODO" }
`;

export function demoPack(): Pack {
  return loadPack('demo', memoryHost({ '/rules/demo/pack.yaml': DEMO_PACK }));
}

export interface ReportParts {
  /** Line 5: the 主动公开 sentence. */
  proactive?: string;
  /** Lines 11–13: 规章, 行政规范性文件, 合计 — 本年制发件数, 本年废止件数, 现行有效件数. */
  rows?: [string, string, string][];
  /** Line 17: a sentence on the work of the year. */
  work?: string;
  /** The report year, in the title (default 2023). */
  year?: number;
}

/**
 * A report in the 2021 format, cut down: title (line 1), 一、总体情况 (line 3), the 主动公开 sentence (line 5),
 * the table caption (line 7), header (9), rows 规章 (11), 行政规范性文件 (12), 合计 (13), 二、 (15), work (17).
 */
export function report(parts: ReportParts = {}): string {
  const rows = parts.rows ?? [
    ['0', '0', '2'],
    ['3', '1', '18'],
    ['3', '1', '20'],
  ];
  const labels = ['规章', '行政规范性文件', '合计'];
  return [
    `# 某某市人民政府办公室${parts.year ?? 2023}年政府信息公开工作年度报告`,
    '',
    '一、总体情况',
    '',
    parts.proactive ?? '全年主动公开政府信息共322条，其中工作动态53条、通知公告48条、政策文件207条、人事信息14条。',
    '',
    '**主动公开政府信息情况统计表**',
    '',
    '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r, i) => `| ${labels[i]} | ${r.join(' | ')} |`),
    '',
    '二、主动公开政府信息情况',
    '',
    parts.work ?? '主要负责同志亲自部署，严格落实政府信息公开工作要求。',
    '',
  ].join('\n');
}
