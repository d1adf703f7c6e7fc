/** 文号 sequences per enforcement body, year and document kind (app.document_number_sequences). */
export interface DocumentNumbers {
  /**
   * The next sequence number, counted inside the job's transaction: the row stays locked until the job commits, so
   * concurrent jobs get 1, 2, 3… with no duplicates, and a job that rolls back gives its number back (no gaps).
   */
  next(bodyId: number, year: number, kind: string): Promise<number>;
}
