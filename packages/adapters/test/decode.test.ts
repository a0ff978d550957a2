import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/decode.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/encodings/${name}`, import.meta.url)));
const original = readFileSync(new URL('./fixtures/encodings/seed-20.utf8.txt', import.meta.url), 'utf8');
const beyondGbk = readFileSync(new URL('./fixtures/encodings/seed-21.expected.txt', import.meta.url), 'utf8');
const startOfFile = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** The problem a decode returned, failing the test when it returned text. */
const problemOf = (bytes: Uint8Array) => {
  const result = decode(bytes);
  if (!('problem' in result)) throw new Error(`decoded as ${result.encoding}: ${result.text.slice(0, 40)}`);
  return result.problem;
};

describe('decode: the first 20 lines of the 2018 report in each supported encoding', () => {
  it('has an original that is the report as published, with Chinese and ASCII', () => {
    expect(original.split('\n')).toHaveLength(21);
    expect(original.startsWith('华宁县政务服务管理局2018年度\n')).toBe(true);
    expect(beyondGbk.endsWith('𠮷祥路1号\n')).toBe(true);
  });

  it.each([
    ['seed-20.utf8.txt', 'utf-8'],
    ['seed-20.utf8-bom.txt', 'utf-8'],
    ['seed-20.gbk.txt', 'gbk'],
    ['seed-20.utf16le.txt', 'utf-16le'],
    ['seed-20.utf16be.txt', 'utf-16be'],
  ])('reads %s as %s, exactly, without a BOM', (name, encoding) => {
    expect(decode(fixture(name))).toEqual({ text: original, encoding });
  });

  it('reads GB18030 with a character outside GBK, written in four bytes', () => {
    expect(decode(fixture('seed-21.gb18030.txt'))).toEqual({ text: beyondGbk, encoding: 'gb18030' });
  });

  it('strips only the BOM: a second U+FEFF inside the text stays', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...iconv.encode('\uFEFF合计', 'utf8')]);
    expect(decode(bytes)).toEqual({ text: '\uFEFF合计', encoding: 'utf-8' });
  });
});

describe('decode: short texts, where detectors guess wrong', () => {
  it.each(['合计', '总计：12', '本年新收', '政府信息公开', '联通'])('reads %s saved as GBK', (text) => {
    expect(decode(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gbk' });
  });

  it.each(['合计', '总计：12', '本年新收', '政府信息公开', 'Total £1,234 – net'])('reads %s saved as UTF-8, whatever a detector says', (text) => {
    expect(decode(iconv.encode(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads plain ASCII and an empty file as UTF-8', () => {
    expect(decode(iconv.encode('Total 12\r\n', 'utf8'))).toEqual({ text: 'Total 12\r\n', encoding: 'utf-8' });
    expect(decode(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('keeps form feeds and tabs, which text extracted from PDF carries', () => {
    const text = '一、总体情况\t12\n\f- 2 -\n';
    expect(decode(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gbk' });
  });
});

describe('decode: files that cannot be read give one located problem', () => {
  it('names the line, column and byte of a UTF-8 file cut inside a character', () => {
    const problem = problemOf(fixture('truncated.utf8.txt'));
    expect(problem).toMatchObject({ code: 'decode', severity: 'error', range: startOfFile });
    const line20 = original.split('\n')[19] as string;
    const byte = Buffer.byteLength(original) - 3;
    expect(problem.message.en).toBe(
      `The file reads as UTF-8 but has an invalid byte sequence at line 20, column ${line20.length} (byte ${byte}): it may be truncated or mix encodings; check it and save it as UTF-8`,
    );
    expect(problem.message['zh-CN']).toBe(
      `文件按 UTF-8 读取，但第 20 行第 ${line20.length} 列（第 ${byte} 字节）处的字节序列无效：文件可能被截断或混用了编码；请检查后另存为 UTF-8`,
    );
  });

  it('names the place where a GBK file is cut inside a character', () => {
    const line20 = original.split('\n')[19] as string;
    expect(problemOf(fixture('truncated.gbk.txt')).message.en).toMatch(
      new RegExp(`^The file reads as GB18030 but has an invalid byte sequence at line 20, column ${line20.length} \\(byte \\d+\\)`),
    );
  });

  it('does not read a UTF-8 file with GBK lines pasted in as either encoding', () => {
    expect(problemOf(fixture('mixed.utf8-gbk.txt')).message.en).toMatch(/^The file reads as UTF-8 but has an invalid byte sequence at line 11, column 1 /);
  });

  it('reports random bytes as binary', () => {
    expect(problemOf(fixture('random.bin'))).toEqual({
      code: 'decode',
      severity: 'error',
      message: {
        'zh-CN': '文件不是文本：含有 NUL 字节或大量控制字符',
        en: 'The file is not text: it contains NUL bytes or many control characters',
      },
      range: startOfFile,
    });
  });

  it('reports binary without NUL bytes by its control characters', () => {
    const bytes = Uint8Array.from({ length: 600 }, (_, i) => [0x01, 0x41, 0x02, 0x1b, 0x42][i % 5] as number);
    expect(problemOf(bytes).message.en).toBe('The file is not text: it contains NUL bytes or many control characters');
  });

  it('names a PDF, a DOCX and a DOC by their magic bytes', () => {
    expect(problemOf(iconv.encode('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1')).message['zh-CN']).toBe(
      '这是 PDF 文件，不是文本；请先提取文本（PDF 可用 pdftotext -layout）',
    );
    expect(problemOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])).message.en).toMatch(/^This is a ZIP \(DOCX, XLSX\) file/);
    expect(problemOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])).message.en).toMatch(/^This is a OLE \(DOC, XLS\) file/);
  });

  it('never passes Big5 or Latin-1 text off as GBK', () => {
    const big5 = iconv.encode('臺北市政府資訊公開年度報告：本年度受理申請案件共計一百二十件，均已依法處理完畢。', 'big5');
    expect(problemOf(big5).message.en).toMatch(/^Cannot tell the file's encoding: it is neither valid UTF-8 nor GB18030 \(GBK\) Chinese text/);
    const latin1 = iconv.encode('Ménage à trois: the Société Générale reported a résumé of €12 in Zürich.', 'windows-1252');
    expect(problemOf(latin1).message.en).toMatch(/^Cannot tell the file's encoding/);
  });

  it('refuses 7-bit ISO-2022 text, valid ASCII though it is', () => {
    expect(problemOf(iconv.encode('\x1b$)A\x0e<=\x0f 12\n', 'latin1')).message.en).toBe('ISO-2022 is not supported; save the file as UTF-8');
  });

  it('refuses UTF-32 and unpaired UTF-16 surrogates', () => {
    expect(problemOf(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])).message.en).toBe('UTF-32 is not supported; save the file as UTF-8');
    const lone = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00, 0x42, 0x00, 0x00, 0xd8, 0x43, 0x00]);
    expect(problemOf(lone).message.en).toMatch(/^The file reads as UTF-16LE but has an invalid byte sequence at line 2, column 2 \(byte 9\)/);
    expect(problemOf(new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00])).message.en).toMatch(/at line 1, column 2 \(byte 5\)/);
  });

  it('refuses overlong and surrogate UTF-8 forms inside otherwise valid UTF-8', () => {
    const good = iconv.encode('一、总体情况。本年度共收到申请十二件，全部按时办结。\n', 'utf8');
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const bytes = new Uint8Array([...good, ...bad, 0x0a]);
      expect(problemOf(bytes).message.en).toMatch(/^The file reads as UTF-8 but has an invalid byte sequence at line 2, column 1 /);
    }
  });
});

describe('decode: valid UTF-8, checked and converted by Node', () => {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Characters of one to four UTF-8 bytes, the Chinese and full-width forms reports are written in among them. */
  const character = fc.oneof(
    fc.constantFrom('a', ' ', '\n', '\t', '7', '|', '\r'),
    // From U+00A0: the C1 controls below it make a text read as binary.
    fc.integer({ min: 0xa0, max: 0x7ff }).map((c) => String.fromCodePoint(c)),
    fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
    fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCodePoint(c)),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  );

  it('gives the text the WHATWG decoder gives', () => {
    fc.assert(
      fc.property(fc.array(character, { minLength: 1, maxLength: 400 }), (chars) => {
        const bytes = new Uint8Array(Buffer.from(chars.join(''), 'utf8'));
        const result = decode(bytes);
        expect(result).toEqual({ text: strict.decode(bytes), encoding: 'utf-8' });
      }),
    );
  });

  it('gives it whole for a text of several pieces, however a character falls on their boundaries', () => {
    // Pieces of 256 KiB: a character of two, three or four bytes placed at each offset around the first boundary.
    for (const wide of ['é', '中', '😀']) {
      for (let shift = 0; shift < 4; shift++) {
        const head = 'x'.repeat((1 << 18) - 2 - shift);
        const text = `${head}${wide.repeat(3)}${'一二三'.repeat(100_000)}\n`;
        const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
        const result = decode(bytes);
        if (!('text' in result)) throw new Error('not decoded');
        expect(result.text.length).toBe(text.length);
        expect(result.text === text).toBe(true);
      }
    }
  });

  it('never reads as UTF-8 bytes the WHATWG decoder refuses', () => {
    fc.assert(
      fc.property(
        fc.array(character, { maxLength: 60 }),
        fc.constantFrom([0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8]),
        (chars, bad) => {
          const good = Buffer.from(`一${chars.join('')}`, 'utf8');
          const bytes = new Uint8Array([...good, ...bad, 0x41]);
          expect(() => strict.decode(bytes)).toThrow();
          const result = decode(bytes);
          // A located problem, or another encoding (a few bytes may read as GB18030): never UTF-8.
          if ('text' in result) expect(result.encoding).not.toBe('utf-8');
          else expect(result.problem.code).toBe('decode');
        },
      ),
    );
  });
});
