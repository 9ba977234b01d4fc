/**
 * Headers read and written through one seam, so the ledger's own code never depends on the HTTP
 * platform underneath (Express and Fastify both keep `headers` lower-cased and answer `header()`).
 */
export interface HeaderSource {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface HeaderSink {
  header(name: string, value: string): unknown;
}

/** The header's value; a header sent more than once is taken as absent rather than guessed at. */
export const headerOf = (req: HeaderSource, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
};

export const setHeader = (res: HeaderSink, name: string, value: string | number): void => {
  res.header(name, String(value));
};
