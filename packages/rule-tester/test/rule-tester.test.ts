import { readReport } from '@crossfoot/adapters';
import { describe, expect, it } from 'vitest';
import { expectationsFromMarkers, type InvalidCase, RuleTester } from '../src/index.ts';
import { demoPack, report } from './helpers.ts';

const pack = demoPack();
const tester = new RuleTester({ pack });

const rows = (total: [string, string, string]): [string, string, string][] => [['0', '0', '2'], ['3', '1', '18'], total];

/** The sentence of the brief: the parts add up to 322, two more than the total. */
const OVER = '全年主动公开政府信息共320条，其中工作动态53条、通知公告48条、政策文件207条、人事信息14条。';

/** Everything wrong at once: a statement over its total, a table total off by one, repeated words, a placeholder. */
const EVERYTHING_WRONG = report({ proactive: OVER, rows: rows(['3', '1', '21']), work: '主要领导领导亲自部署，严格落实严格落实XX局工作要求。' });

describe('a pack author’s rule tests', () => {
  tester.run('current-total', {
    valid: [
      report(),
      {
        name: 'a table whose 合计 row adds up in every column',
        code: report({
          rows: [
            ['1', '0', '3'],
            ['4', '2', '17'],
            ['5', '2', '20'],
          ],
        }),
      },
    ],
    invalid: [
      {
        name: '合计 of 现行有效件数 one more than its rows',
        code: report({ rows: rows(['3', '1', '21']) }),
        errors: [
          {
            messageId: 'mismatch-in-column',
            line: 13,
            column: 16,
            endLine: 13,
            endColumn: 18,
            data: { column: '现行有效件数', lhs: '21', difference: '1' },
            severity: 'error',
          },
        ],
      },
      {
        name: 'two columns off',
        code: report({ rows: rows(['4', '0', '20']) }),
        errors: [
          { messageId: 'mismatch-in-column', line: 13, column: 8, data: { column: '本年制发件数' } },
          { messageId: 'mismatch-in-column', line: 13, column: 12, data: { column: '本年废止件数' } },
        ],
      },
    ],
  });

  tester.run('demo/repeated-phrase', {
    valid: [report()],
    invalid: [
      {
        code: report({ work: '主要领导领导亲自部署，严格落实严格落实政府信息公开工作要求。' }),
        errors: [
          { messageId: 'repeated', line: 17, column: 3, data: { phrase: '领导' }, severity: 'info' },
          { messageId: 'repeated', line: 17, column: 12, data: { phrase: '严格落实' } },
        ],
      },
    ],
  });

  const marked = report({ work: '主要负责同志亲自部署，严格落实XX局工作要求。<!-- expect: demo/no-placeholder found 16 -->' });
  tester.run('no-placeholder', {
    valid: [report()],
    invalid: [{ name: 'expectations carried by the fixture', code: marked, errors: expectationsFromMarkers(marked) ?? [] }],
  });

  tester.run('current-carried', {
    valid: [
      {
        code: report(),
        previous: report({
          year: 2022,
          rows: [
            ['0', '0', '2'],
            ['2', '0', '16'],
            ['2', '0', '18'],
          ],
        }),
      },
    ],
    invalid: [
      {
        name: '现行有效件数 does not follow from last year',
        code: report({
          rows: [
            ['0', '0', '2'],
            ['3', '1', '19'],
            ['3', '1', '21'],
          ],
        }),
        previous: report({
          year: 2022,
          rows: [
            ['0', '0', '2'],
            ['2', '0', '16'],
            ['2', '0', '18'],
          ],
        }),
        errors: [{ messageId: 'mismatch', line: 13, column: 16, data: { lhs: '21' } }],
      },
    ],
  });
});

describe('verify: what the tester accepts', () => {
  it('returns no problem when every case holds', async () => {
    expect(
      await tester.verify('current-total', {
        valid: [report()],
        invalid: [{ code: report({ rows: rows(['3', '1', '21']) }), errors: [{ messageId: 'mismatch-in-column', line: 13, column: 16 }] }],
      }),
    ).toEqual([]);
  });

  it('runs only the named rule: every other rule of the pack stays silent', async () => {
    // The fixture breaks all four rules; each is tested alone against it.
    expect(
      await tester.verify('repeated-phrase', {
        valid: [],
        invalid: [
          {
            code: EVERYTHING_WRONG,
            errors: [
              { messageId: 'repeated', line: 17, column: 3 },
              { messageId: 'repeated', line: 17, column: 12 },
            ],
          },
        ],
      }),
    ).toEqual([]);
    expect(
      await tester.verify('no-placeholder', {
        valid: [],
        invalid: [{ code: EVERYTHING_WRONG, errors: [{ messageId: 'found', line: 17, column: 20, ruleId: 'demo/no-placeholder' }] }],
      }),
    ).toEqual([]);
    expect(await tester.verify('current-total', { valid: [report({ proactive: OVER, work: '领导领导XX局' })], invalid: [] })).toEqual([]);
  });

  it('accepts the full id, the short name, and a rule id on an expected error in either form', async () => {
    const invalid: InvalidCase[] = [{ code: EVERYTHING_WRONG, errors: [{ messageId: 'found', line: 17, column: 20, ruleId: 'no-placeholder' }] }];
    expect(await tester.verify('demo/no-placeholder', { valid: [], invalid })).toEqual([]);
    expect(await tester.verify('no-placeholder', { valid: [], invalid })).toEqual([]);
  });

  it('takes plain strings as valid cases and reads plain text when told', async () => {
    const text = '一、总体情况\n\n主要负责同志亲自部署，严格落实政府信息公开工作要求。\n';
    expect(
      await tester.verify('repeated-phrase', {
        valid: [text, { code: text, format: 'text' }],
        invalid: [{ code: '严格落实严格落实要求。\n', filename: 'notes.txt', errors: [{ messageId: 'repeated', line: 1, column: 1 }] }],
      }),
    ).toEqual([]);
  });
});

describe('verify: what the tester refuses', () => {
  const bad = report({ rows: rows(['3', '1', '21']) });

  it('reports an expected error on the wrong line, with expected and actual side by side', async () => {
    const problems = await tester.verify('current-total', {
      valid: [],
      invalid: [{ name: 'off by one', code: bad, errors: [{ messageId: 'mismatch-in-column', line: 12, column: 16 }] }],
    });
    expect(problems).toEqual([
      'invalid 1 "off by one": error 1 of 1 differs in line:\n' +
        '  expected  mismatch-in-column at 12:16\n' +
        '  actual    demo/current-total mismatch-in-column at 13:16–13:18 (error) ' +
        '{ relation: "regs[合计] = regs[规章] + regs[行政规范性文件]", column: "现行有效件数", lhs: "21", rhs: "2 + 18 = 20", op: "=", difference: "1", precision: "exact" } ' +
        '"现行有效件数：regs[合计] = regs[规章] + regs[行政规范性文件] 不成立，左边 21，右边 2 + 18 = 20，相差 1"',
    ]);
  });

  it('reports a wrong messageId, column, data and severity by name', async () => {
    const problems = await tester.verify('current-total', {
      valid: [],
      invalid: [{ name: 'off by one', code: bad, errors: [{ messageId: 'mismatch', line: 13, column: 9, data: { column: '总计' }, severity: 'warning' }] }],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^invalid 1 "off by one": error 1 of 1 differs in messageId, column, data\.column, severity:\n {2}expected {2}mismatch at 13:9 \(warning\) \{ column: "总计" \}\n {2}actual {4}demo\/current-total mismatch-in-column at 13:16/u,
    );
  });

  it('refuses a messageId the rule does not have before running it', async () => {
    expect(
      await tester.verify('current-total', {
        valid: [],
        invalid: [{ name: 'typo', code: bad, errors: [{ messageId: 'mismatch-in-colum', line: 13, column: 16 }] }],
      }),
    ).toEqual(['invalid 1 "typo": expected error 1: "mismatch-in-colum" is not a messageId of this rule (it has: mismatch, mismatch-in-column)']);
  });

  it('refuses an invalid case that expects no error', async () => {
    expect(await tester.verify('current-total', { valid: [], invalid: [{ name: 'lazy', code: bad, errors: [] }] })).toEqual([
      'invalid 1 "lazy": an invalid case must expect at least one error',
    ]);
  });

  it('fails an invalid case the rule does not flag', async () => {
    expect(
      await tester.verify('current-total', {
        valid: [],
        invalid: [{ name: 'clean', code: report(), errors: [{ messageId: 'mismatch-in-column', line: 13 }] }],
      }),
    ).toEqual(['invalid 1 "clean": the rule reported nothing; expected 1 error:\n  mismatch-in-column at line 13']);
  });

  it('fails a valid case that triggers the rule, listing what it reported', async () => {
    const problems = await tester.verify('current-total', { valid: [{ name: 'not so valid', code: bad }], invalid: [] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^valid 1 "not so valid": a valid case must not trigger demo\/current-total, but it reported 1:\n {2}demo\/current-total mismatch-in-column at 13:16–13:18 \(error\)/u,
    );
    expect(problems[0]).toContain('"现行有效件数：regs[合计] = regs[规章] + regs[行政规范性文件] 不成立，左边 21，右边 2 + 18 = 20，相差 1"');
  });

  it('fails when the number of errors differs, listing both', async () => {
    const problems = await tester.verify('repeated-phrase', {
      valid: [],
      invalid: [{ name: 'twice', code: EVERYTHING_WRONG, errors: [{ messageId: 'repeated', line: 17, column: 3 }] }],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'invalid 1 "twice": expected 1 error but the rule reported 2:\n  expected:\n    repeated at 17:3\n  actual:\n    demo/repeated-phrase repeated at 17:3–17:7 (info) { phrase: "领导" } "“领导”连续重复了两次"\n    demo/repeated-phrase repeated at 17:12',
    );
  });

  it('asserts the rule id an expected error names', async () => {
    const problems = await tester.verify('no-placeholder', {
      valid: [],
      invalid: [{ name: 'x', code: EVERYTHING_WRONG, errors: [{ messageId: 'found', line: 17, column: 20, ruleId: 'demo/repeated-phrase' }] }],
    });
    expect(problems[0]).toMatch(/^invalid 1 "x": error 1 of 1 differs in ruleId:/u);
  });

  it('refuses duplicate cases, across valid and invalid', async () => {
    const problems = await tester.verify('current-total', {
      valid: [report(), { name: 'again', code: report() }],
      invalid: [{ name: 'also the clean report', code: report(), errors: [{ messageId: 'mismatch-in-column', line: 13, column: 16 }] }],
    });
    expect(problems.slice(0, 2)).toEqual([
      `valid 2 "again": duplicate of valid 1 "# 某某市人民政府办公室2023年政府信息公开工作年度报告": the same code is tested twice`,
      `invalid 1 "also the clean report": duplicate of valid 1 "# 某某市人民政府办公室2023年政府信息公开工作年度报告": the same code is tested twice`,
    ]);
    expect(problems).toHaveLength(2);
  });

  it('fails a fixture the adapter cannot read cleanly', async () => {
    const ragged = report().replace('| 规章 | 0 | 0 | 2 |', '| 规章 | 0 | 0 |');
    const problems = await tester.verify('current-total', { valid: [{ name: 'ragged', code: ragged }], invalid: [] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^valid 1 "ragged": the fixture is not clean input; the adapter reported:\n {2}crossfoot\/ragged-row at 11:1 \(warning\) "该行有 2 个数据单元格，表头有 3 列/u,
    );
  });

  it('fails a previous report the adapter cannot read cleanly', async () => {
    const problems = await tester.verify('current-carried', { valid: [{ name: 'p', code: report(), previous: '---\ntitle: [\n---\n' }], invalid: [] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^valid 1 "p": the previous report is not clean input; the adapter reported:\n {2}crossfoot\/front-matter /u);
  });

  it('renders messages in the locale asked for', async () => {
    const en = new RuleTester({ pack, locale: 'en' });
    const problems = await en.verify('no-placeholder', { valid: [{ name: 'x', code: EVERYTHING_WRONG }], invalid: [] });
    expect(problems[0]).toContain('"A placeholder was left in the report: XX局"');
  });

  it('throws for a rule the pack does not have, before registering anything', async () => {
    const registered: string[] = [];
    const quiet = new RuleTester({ pack, describe: (name) => registered.push(name), it: (name) => registered.push(name) });
    expect(() => quiet.run('statement-sum', { valid: [report()], invalid: [] })).toThrow(
      'rule "statement-sum" is not in pack "demo" (its rules: demo/statement-sums, demo/repeated-phrase, demo/current-total, demo/current-carried, demo/no-placeholder)',
    );
    expect(() => quiet.run('other/current-total', { valid: [report()], invalid: [] })).toThrow('is not in pack "demo"');
    expect(registered).toEqual([]);
    await expect(tester.verify('nope', { valid: [], invalid: [] })).rejects.toThrow('rule "nope" is not in pack "demo"');
  });

  it('throws for a table without valid and invalid arrays', () => {
    expect(() => tester.run('current-total', { valid: [report()] } as never)).toThrow('rule cases must be an object with `valid` and `invalid` arrays');
  });
});

describe('run with another test framework', () => {
  it('registers one test per case under the rule id, failing with the problems', async () => {
    const tests: { name: string; fn: () => Promise<void> | void }[] = [];
    const suites: string[] = [];
    const custom = new RuleTester({
      pack,
      describe: (name, fn) => {
        suites.push(name);
        fn();
      },
      it: (name, fn) => {
        tests.push({ name, fn });
      },
    });
    custom.run('current-total', {
      valid: [report()],
      invalid: [
        { name: 'right', code: report({ rows: rows(['3', '1', '21']) }), errors: [{ messageId: 'mismatch-in-column', line: 13, column: 16 }] },
        { name: 'wrong', code: report({ rows: rows(['3', '2', '20']) }), errors: [{ messageId: 'mismatch-in-column', line: 13, column: 16 }] },
        { name: 'empty', code: report({ rows: rows(['3', '3', '20']) }), errors: [] },
      ],
    });
    expect(suites).toEqual(['demo/current-total']);
    expect(tests.map((t) => t.name)).toEqual([
      'valid: # 某某市人民政府办公室2023年政府信息公开工作年度报告',
      'invalid: right',
      'invalid: wrong',
      'invalid: empty',
    ]);
    await tests[0]!.fn();
    await tests[1]!.fn();
    await expect(async () => tests[2]!.fn()).rejects.toThrow(
      'invalid 2 "wrong": error 1 of 1 differs in column:\n  expected  mismatch-in-column at 13:16\n  actual    demo/current-total mismatch-in-column at 13:12',
    );
    await expect(async () => tests[3]!.fn()).rejects.toThrow('invalid 3 "empty": an invalid case must expect at least one error');
  });
});

describe('a statement-sums rule on the narrative', () => {
  const cases = {
    valid: [report()],
    invalid: [
      {
        name: '53 + 48 + 207 + 14 = 322 > 320',
        code: report({ proactive: OVER }),
        errors: [{ messageId: 'parts-exceed', line: 5, column: 12, data: { total: '320', sum: '322', difference: '2' } }],
      },
    ],
  };
  it('flags parts that add up to more than the total', async () => {
    expect(readReport({ uri: 'report.md', text: report({ proactive: OVER }) }).statements.length).toBeGreaterThan(0);
    expect(await tester.verify('statement-sums', cases)).toEqual([]);
  });
});
