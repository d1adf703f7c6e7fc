/** Where document files are kept: DATA_DIR/documents, addressed by content. */
export interface StoredFile {
  /** Relative to DATA_DIR, with forward slashes: documents/2026/ab/ab12…ef.pdf */
  storagePath: string;
  sha256: string;
  byteSize: number;
}

export interface DocumentFiles {
  /**
   * Writes the bytes (atomically: a temporary file renamed into place) under a name made of their SHA-256. Writing the
   * same bytes twice is harmless, and a file left by a job that rolled back is never referenced.
   */
  save(bytes: Uint8Array, year: number, extension: 'pdf' | 'docx'): Promise<StoredFile>;
}
