import type { Locale } from '@crossfoot/core';

/** An English text that depends on a count has a singular and a plural form. */
type Text = string | { one: string; other: string };

/** The Action's own words: log lines, notes in the summary, the check run's title. Findings arrive already rendered. */
const messages = {
  'count.errors': { 'zh-CN': '{n} 个错误', en: { one: '{n} error', other: '{n} errors' } },
  'count.warnings': { 'zh-CN': '{n} 个警告', en: { one: '{n} warning', other: '{n} warnings' } },
  'count.infos': { 'zh-CN': '{n} 条提示', en: { one: '{n} info', other: '{n} infos' } },
  'count.files': { 'zh-CN': '{n} 个文件', en: { one: '{n} file', other: '{n} files' } },
  'count.findings': { 'zh-CN': '{n} 条问题', en: { one: '{n} finding', other: '{n} findings' } },

  title: { 'zh-CN': 'crossfoot：共检查 {files}，{errors}，{warnings}，{infos}', en: 'crossfoot: {errors}, {warnings}, {infos} in {files}' },
  'log.findings': { 'zh-CN': 'crossfoot 发现的全部问题（{findings}）', en: 'Every crossfoot finding ({findings})' },
  'log.annotationsHidden': {
    'zh-CN':
      '{errors}、{warnings}、{infos}未显示为注释（GitHub 每个步骤最多显示 10 个错误、10 个警告和 10 条提示注释，每个作业最多 50 条）；全部问题见作业摘要{sarif}。',
    en: 'Not shown as annotations: {errors}, {warnings}, {infos} (GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, 50 per job); every finding is in the job summary{sarif}.',
  },
  'log.andSarif': { 'zh-CN': '和 SARIF 文件 {file}', en: ' and the SARIF file {file}' },
  'log.onlyChangedNoPullRequest': {
    'zh-CN': 'only-changed 仅适用于拉取请求（pull_request 事件）；本次 {event} 运行检查全部文件。',
    en: 'only-changed applies to pull requests (the pull_request event); this {event} run checks every file.',
  },
  'log.onlyChanged': {
    'zh-CN': '只检查本拉取请求相对基准 {base} 改动的 {checked}（共 {total}）。',
    en: 'Checking the {checked} of {total} this pull request changes against its base {base}.',
  },
  'log.noSummaryFile': { 'zh-CN': '未设置 GITHUB_STEP_SUMMARY，不写作业摘要。', en: 'GITHUB_STEP_SUMMARY is not set; no job summary written.' },
  'log.sarifWritten': { 'zh-CN': 'SARIF 已写入 {file}', en: 'SARIF written to {file}' },
  'log.checkRun': { 'zh-CN': '检查运行已发布：{url}', en: 'Check run published: {url}' },
  'log.checkRunFailed': {
    'zh-CN': '无法发布检查运行（{reason}）；注释、作业摘要和 SARIF 不受影响。来自复刻仓库的拉取请求只有只读令牌，需要 checks: write 权限。',
    en: 'The check run could not be published ({reason}); annotations, job summary and SARIF are unaffected. Pull requests from forks get a read-only token; the job needs `checks: write`.',
  },
  'log.noRepository': { 'zh-CN': '未设置 GITHUB_REPOSITORY，不发布检查运行。', en: 'GITHUB_REPOSITORY is not set; no check run published.' },

  'summary.more': {
    'zh-CN': '**另有 {n} 条问题未在此列出，见 SARIF 文件 `{file}`。**',
    en: { one: '**1 more finding in the SARIF file `{file}`.**', other: '**{n} more findings in the SARIF file `{file}`.**' },
  },
  'summary.moreInLog': {
    'zh-CN': '**另有 {n} 条问题未在此列出，见本步骤的日志。**',
    en: { one: "**1 more finding, listed in this step's log.**", other: "**{n} more findings, listed in this step's log.**" },
  },
  'summary.moreInJobSummary': {
    'zh-CN': '**另有 {n} 条问题未在此列出，见作业摘要。**',
    en: { one: '**1 more finding in the job summary.**', other: '**{n} more findings in the job summary.**' },
  },
  'summary.onlyChanged': {
    'zh-CN': '只检查了本拉取请求改动的 {checked}（共 {total}）；这些文件中未改动的行上的问题也计入。',
    en: 'Checked the {checked} of {total} this pull request changes; findings on unchanged lines of those files count too.',
  },
  'summary.annotations': {
    'zh-CN': '注释只显示了前 {shown}（按级别、位置排序），其余见上表。',
    en: 'Annotations show only the first {shown} (by severity, then position); the rest are in the tables above.',
  },

  failed: { 'zh-CN': 'crossfoot 发现 {errors}、{warnings}（fail-on: {failOn}）', en: 'crossfoot found {errors} and {warnings} (fail-on: {failOn})' },
  'error.internal': { 'zh-CN': 'crossfoot 内部错误：{message}', en: 'crossfoot internal error: {message}' },
} satisfies Record<string, Record<Locale, Text>>;

export type MessageId = keyof typeof messages;

export const messageIds = Object.keys(messages) as MessageId[];

/** Renders message `id` in `locale`, replacing `{name}` with `data.name`; `count` picks the English plural form. */
export function t(locale: Locale, id: MessageId, data: Record<string, string | number> = {}, count?: number): string {
  const entry: Record<Locale, Text> = messages[id];
  const text = entry[locale];
  const template = typeof text === 'string' ? text : count === 1 ? text.one : text.other;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : String(value);
  });
}

/** `{n} errors` and friends. */
export function count(locale: Locale, id: 'count.errors' | 'count.warnings' | 'count.infos' | 'count.files' | 'count.findings', n: number): string {
  return t(locale, id, { n }, n);
}
