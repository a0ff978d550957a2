import type { Diagnostic } from '@crossfoot/core';

/** The seed's flagged total, as the engine reports it (line 10: `…共320条，其中…53条…48条…207条…14条`). */
export function sumsFinding(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    ruleId: 'cn-gov-disclosure-common/statement-sums',
    severity: 'error',
    message: '全年通过政府信息公开网主动公开信息共 320，但其中各项之和为 322（53 + 48 + 207 + 14），多出 2',
    messageId: 'parts-exceed',
    data: {},
    uri: 'report.txt',
    range: { start: { line: 2, column: 19 }, end: { line: 2, column: 23 } },
    related: [
      { uri: 'report.txt', range: { start: { line: 2, column: 34 }, end: { line: 2, column: 37 } }, label: '工作栏目更新信息 = 53' },
      { uri: 'report.txt', range: { start: { line: 2, column: 48 }, end: { line: 2, column: 51 } }, label: '政务公开栏目更新信息 = 48' },
    ],
    expected: '322',
    actual: '320',
    arithmetic: {
      expression: '53 + 48 + 207 + 14 = 322',
      expected: '322',
      actual: '320',
      difference: '-2',
      precision: '精确比较',
      operands: [
        { label: '工作栏目更新信息', value: '53' },
        { label: '政务公开栏目更新信息', value: '48' },
        { label: '公共资源交易信息栏目更新交易信息', value: '207' },
        { label: '公共资源交易政策法规栏目更新信息', value: '14' },
      ],
    },
    url: 'https://github.com/crossfoot/crossfoot/blob/main/rules/cn-gov-disclosure-common/statement-sums.md',
    ...overrides,
  };
}

export const SEED_LINES = [
  '二、主动公开信息情况',
  '全年通过政府信息公开网主动公开信息共320条,其中工作栏目更新信息53条,政务公开栏目更新信息48条,公共资源交易信息栏目更新交易信息207条,公共资源交易政策法规栏目更新信息14条。',
  '三、重点领域政府信息公开情况',
];
