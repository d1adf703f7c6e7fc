/** Generated legal documents (app.documents): one row per file, PDF and DOCX of one document share the number. */
export interface NewDocument {
  processInstanceKey: string;
  caseRef: string | null;
  bodyId: number;
  kind: string;
  number: string | null;
  title: string;
  format: 'pdf' | 'docx';
  sha256: string;
  storagePath: string;
  byteSize: number;
  fields: Record<string, unknown>;
  jobKey: string;
}

export interface StoredDocument extends NewDocument {
  id: string;
  createdAt: string;
}

export interface Documents {
  insert(document: NewDocument): Promise<StoredDocument>;
  find(id: string): Promise<StoredDocument | undefined>;
}
