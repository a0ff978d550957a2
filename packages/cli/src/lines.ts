import type { Locale } from '@crossfoot/core';
import { toUri } from './uri.ts';

/** The cache's account of a run: how many reports it checked and how many it took from the cache. */
export function cacheLine(locale: Locale, checked: number, reused: number): string {
  return locale === 'zh-CN' ? `缓存：检查了 ${checked} 个文件，${reused} 个沿用上次结果\n` : `cache: ${checked} files checked, ${reused} reused\n`;
}

/** The line saying where a report was written and what it holds. */
export function writtenLine(totals: { files: number; errors: number; warnings: number; infos: number }, locale: Locale, out: string, cwd: string): string {
  return locale === 'zh-CN'
    ? `共检查 ${totals.files} 个文件：${totals.errors} 个错误，${totals.warnings} 个警告，${totals.infos} 条提示；报告已写入 ${toUri(cwd, out)}\n`
    : `${totals.files} files checked: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.infos} infos; report written to ${toUri(cwd, out)}\n`;
}
