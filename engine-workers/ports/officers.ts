/** A 执法证 (app.certificates): the field it covers and the days it is valid, both included (YYYY-MM-DD). */
export interface OfficerCertificate {
  number: string;
  field: string;
  validFrom: string;
  validTo: string;
}

/** A user named as an officer of an act (app.users), with every certificate on record. */
export interface OfficerRecord {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  active: boolean;
  /** The enforcement body the user works for; null for users of an organisation without one. */
  bodyId: number | null;
  certificates: OfficerCertificate[];
}

/** How a diagram names an officer: the user id (as a number or digits), or the login name. */
export type OfficerRef = number | string;

/** The officers check-officers reads (app.users, app.certificates, app.enforcement_bodies). */
export interface Officers {
  /** The users named by id or login name; names that match no user are left out. */
  find(refs: readonly OfficerRef[]): Promise<OfficerRecord[]>;
  /** The field of an enforcement body (app.enforcement_bodies.field), undefined when there is no such body. */
  bodyField(bodyId: number): Promise<string | undefined>;
}
