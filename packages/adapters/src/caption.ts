/** Words with 表 that do not name a table. */
const NOT_A_TABLE = /代表|发表|表示|表彰|表达|表态|表扬|表明|表述|表演|表决|表现|外表|表率/gu;

/**
 * Does a short line read like a table caption: `政府信息公开情况统计表`, `表3 收到和处理…`, `Table 2. Requests`,
 * `Statement of …`? Lines that introduce a table in a sentence (`详见下表：`) do not.
 */
export function looksLikeCaption(words: string): boolean {
  const t = words.trim();
  if (t === '' || t.length > 60 || /[：:]$/u.test(t)) return false;
  return t.replace(NOT_A_TABLE, '').includes('表') || /\b(?:table|statement)\b/iu.test(t);
}

/** Lines between a table and its caption that are not the caption: `（2018年度）`, `填报单位…`, `单位：…`. */
export const CAPTION_SKIP = [/^\(?\s*\d{4}\s*年度?\s*\)?$/u, /^填报单位/u, /^(?:报送|编制)单位/u, /^(?:计量)?单位\s*[:：]/u];
