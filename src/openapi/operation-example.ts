/** One example of an operation in the OpenAPI document (see EXAMPLES in ./examples): the request sent and the status it gets. */
export interface OperationExample {
  /** Unique in the document; the number orders the story. */
  readonly name: string;
  readonly summary: string;
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: object;
  readonly status: number;
  /** For an error: the code of its body. */
  readonly error?: string;
}

/** The story's two pupils, as path parameters. */
export const anna = { pupilId: 'p-4711' };
export const bram = { pupilId: 'p-4712' };
