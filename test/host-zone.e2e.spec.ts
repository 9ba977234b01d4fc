/** The second zone is real: in the *-auckland projects the host's clock reads New Zealand time. */
it('runs under the zone its project names', () => {
  const offset = new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset();
  if ((globalThis as { LEDGER_TEST_ZONE?: string }).LEDGER_TEST_ZONE) expect(offset).toBe(-13 * 60);
  else expect(typeof offset).toBe('number');
});
