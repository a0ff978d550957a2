import { describe, expect, it } from 'vitest';
import { foldWidth, labelKey } from '../src/normalize.ts';

describe('foldWidth', () => {
  it('folds full-width forms, the ideographic and no-break spaces and look-alike dashes, keeping every offset', () => {
    const written = '共３２０条，其中：１２条\u3000A\u00a0B―C─D—E';
    const folded = foldWidth(written);
    expect(folded).toBe('共320条,其中:12条 A B—C—D—E');
    expect(folded.length).toBe(written.length);
  });

  it('returns text with nothing to fold as it is', () => {
    const text = '2023年共受理申请35件。Revenue 1,234.';
    expect(foldWidth(text)).toBe(text);
  });

  it('folds text longer than one building block, and leaves surrogate pairs whole', () => {
    const unit = '表１，合计１２０😀';
    const written = unit.repeat(3000);
    const folded = foldWidth(written);
    expect(folded.length).toBe(written.length);
    expect(folded).toBe('表1,合计120😀'.repeat(3000));
  });
});

describe('labelKey', () => {
  it('ignores width, blanks, a closing colon and case', () => {
    expect(labelKey('（一）本年新收 政府信息公开申请数量：')).toBe(labelKey('(一)本年新收政府信息公开申请数量'));
    expect(labelKey('Total Revenue')).toBe('totalrevenue');
  });
});
