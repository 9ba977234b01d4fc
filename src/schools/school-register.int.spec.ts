import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerConfig } from '../config/ledger-config';
import { SchoolRegister } from './school-register';

const registerFile = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'schools-')), 'schools.json');
  writeFileSync(file, content);
  return file;
};

describe('the school register (LEDGER_SCHOOLS)', () => {
  it('names each school, and shows the id of a school it does not name', () => {
    const r = SchoolRegister.load(registerFile('{"s-1": {"name": " De Regenboog ", "contact": "privacy@regenboog.example"}}'));
    expect(r.name('s-1')).toBe('De Regenboog');
    expect(r.school('s-1')?.contact).toBe('privacy@regenboog.example');
    expect(r.name('s-2')).toBe('s-2');
    expect(SchoolRegister.load(null).name('s-1')).toBe('s-1');
  });

  it('stops the start on a file it cannot read, naming the file', () => {
    for (const content of [
      'not json',
      '[]',
      '{"s 1": {"name": "x", "contact": "y"}}',
      '{"s-1": {"contact": "x"}}',
      '{"s-1": {"name": "x"}}',
      '{"s-1": {"name": "x", "contact": 7}}',
    ]) {
      const file = registerFile(content);
      expect(() => SchoolRegister.load(file)).toThrow(file);
    }
  });

  it('is read from LEDGER_SCHOOLS, with LEDGER_SESSION_SECRET of at least 32 characters', () => {
    expect(LedgerConfig.fromEnv({ LEDGER_SCHOOLS: '/etc/ledger/schools.json' }).schoolsFile).toBe('/etc/ledger/schools.json');
    expect(LedgerConfig.fromEnv({ LEDGER_SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
    expect(() => LedgerConfig.fromEnv({ LEDGER_SESSION_SECRET: 'too-short' })).toThrow(/32/);
  });
});
