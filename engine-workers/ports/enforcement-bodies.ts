/** 执法主体 as the documents need them (app.enforcement_bodies). */
export interface EnforcementBodyInfo {
  id: number;
  name: string;
  /** The short name a 文号 starts with (明城管); null when the administrator has not set one. */
  documentPrefix: string | null;
}

export interface EnforcementBodies {
  find(id: number): Promise<EnforcementBodyInfo | undefined>;
}
