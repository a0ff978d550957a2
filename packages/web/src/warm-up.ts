/**
 * A made-up annual report in plain text, shaped like the real ones (numbered sections, narrative figures and dates,
 * a statistics table laid out in columns), read and checked over and over while the page waits for a file
 * (`WebChecker.warmUp`): the first real report is then read by compiled code rather than the interpreter.
 */
export function warmUpReport(): string {
  const lines = ['示范县人民政府2023年政府信息公开工作年度报告', '', '一、总体情况'];
  for (let k = 1; k <= 12; k++) {
    lines.push(
      `（${'一二三四五六七八九十'[k % 10]}）第${k}项工作。2023年1月1日至2023年12月31日，本机关共受理申请${k * 7}件，其中自然人${k * 4}件、法人${k * 3}件，办结率达到9${k % 10}.5%。`,
      `全年主动公开政府信息${k * 120}条，其中政策文件${k * 20}条、工作动态${k * 100}条；较上年增长${k}%，共${k * 2}场培训。`,
    );
  }
  lines.push('', '二、收到和处理政府信息公开申请情况', '', '表1', '项目                         自然人    商业企业    总计');
  for (let r = 1; r <= 40; r++) lines.push(`（${r}）第${r}类情形                   ${r}        ${r * 2}        ${r * 3}`);
  lines.push('合计                         820       1640       2460', '', '三、存在的主要问题及改进情况', '2024年，我们将进一步加强培训。');
  return lines.join('\n');
}
