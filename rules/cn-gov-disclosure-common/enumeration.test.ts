import { markdown as markdown2008, text } from '../cn-gov-disclosure-2008/fixtures/report.ts';
import { tester2008 } from '../cn-gov-disclosure-2008/fixtures/tester.ts';
import { html, markdown, yaml } from '../cn-gov-disclosure-2021/fixtures/report.ts';
import { knownIssues2021, tester2021 } from '../cn-gov-disclosure-2021/fixtures/tester.ts';

// Within a paragraph, 一是…二是…三是 and 第一，…第二， count up by one. A 2018 report, plain text: line 18 the plan.
tester2008.run('cn-gov-disclosure-common/enumeration', {
  valid: [
    { name: '一是…二是…三是 in the plan, 一是…二是 in the problems (plain text)', code: text(), filename: 'report.txt' },
    { name: 'the same (Markdown)', code: markdown2008() },
    {
      name: 'a list whose points are paragraphs of their own: a lone 二是 starts no list',
      code: text({
        problems:
          '一是学习培训方面有待提高。整改情况:积极参加县政府信息股举办的政务公开培训。\n二是健全并落实工作制度方面有待加强。整改情况:加强了对各股室信息报送的监督。',
      }),
      filename: 'report.txt',
    },
    {
      name: '是否 is not a point, nor are 第三十一条 and 第三十二条',
      code: text({ plan: '一是对照《条例》第三十一条、第三十二条,逐项核实是否公开到位。二是及时更新完善《政府信息公开指南》。' }),
      filename: 'report.txt',
    },
  ],
  invalid: [
    {
      name: '一是…三是: the second point lost',
      code: text({ plan: '一是建立健全组织机构,主要领导总负责。三是完善华宁县人民政府网中我局涉及栏目的更新工作。' }),
      filename: 'report.txt',
      errors: [{ messageId: 'gap', line: 18, column: 20, endColumn: 22, data: { found: '三是', previous: '一是', expected: '二是' }, severity: 'warning' }],
    },
    {
      name: 'the same (Markdown)',
      code: markdown2008({ plan: '一是建立健全组织机构,主要领导总负责。三是完善华宁县人民政府网中我局涉及栏目的更新工作。' }),
      errors: [{ messageId: 'gap', line: 43, column: 20, data: { found: '三是' } }],
    },
  ],
});

const PROBLEMS = (points: string) => `${points}2024年，我局将丰富图解、视频等解读形式，并加强答复文书的合法性审查。`;

// A 2023 report in the 2021 format: line 88 the paragraph of 五、 in Markdown.
tester2021.run('cn-gov-disclosure-common/enumeration', {
  valid: [
    { name: '一是…二是 (Markdown)', code: markdown() },
    { name: 'the same (YAML)', code: yaml(), filename: 'report.yaml' },
    { name: 'the same (HTML page)', code: html(), filename: 'report.html' },
    {
      name: '第一，…第二，…第三，',
      code: markdown({ problems: PROBLEMS('第一，政策解读形式较为单一；第二，依申请公开答复的规范性有待提高；第三，基层政务公开标准化建设仍需加强。') }),
    },
  ],
  invalid: [
    {
      name: '一是…三是 (Markdown)',
      code: markdown({ problems: PROBLEMS('一是基层政务公开标准化建设仍需加强；三是政策解读的针对性有待提高。') }),
      errors: [{ messageId: 'gap', line: 88, column: 19, data: { found: '三是', previous: '一是', expected: '二是' } }],
    },
    {
      name: '二是 pasted twice',
      code: markdown({ problems: PROBLEMS('一是政策解读形式较为单一；二是依申请公开答复的规范性有待提高；二是基层政务公开标准化建设仍需加强。') }),
      errors: [{ messageId: 'repeated', line: 88, column: 32, data: { found: '二是', previous: '二是', expected: '三是' } }],
    },
    {
      name: '第一，…第二，…第四，(YAML)',
      code: yaml({ problems: PROBLEMS('第一，政策解读形式较为单一；第二，依申请公开答复的规范性有待提高；第四，基层政务公开标准化建设仍需加强。') }),
      filename: 'report.yaml',
      errors: [{ messageId: 'gap', line: 81, column: 40, data: { found: '第四，', previous: '第二，', expected: '第三' } }],
    },
  ],
});

// Known false alarm: problems and measures as two lists in one paragraph; the second 一是 starts a new list.
knownIssues2021.run('cn-gov-disclosure-common/enumeration', {
  valid: [
    {
      name: 'known false alarm: 存在的主要问题：一是…二是…。改进措施：一是…二是…',
      code: markdown({
        problems:
          '存在的主要问题：一是政策解读形式较为单一；二是依申请公开答复的规范性有待提高。改进措施：一是丰富图解、视频等解读形式；二是加强答复文书的合法性审查。',
      }),
    },
  ],
  invalid: [
    {
      // The points are read on the source line, where the first follows `<p>` and so is not taken for a point.
      name: 'known miss: 一是…三是 on the published HTML page',
      code: html({ problems: PROBLEMS('一是基层政务公开标准化建设仍需加强；三是政策解读的针对性有待提高。') }),
      filename: 'report.html',
      errors: [{ messageId: 'gap', line: 72, column: 22, data: { found: '三是' } }],
    },
  ],
});
