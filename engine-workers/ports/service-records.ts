/** 送达 methods of 民诉法 Arts 87–95: 直接, 留置, 电子, 邮寄, 公告. */
export type ServiceMethod = 'direct' | 'lodged' | 'electronic' | 'postal' | 'public_notice';

export interface NewServiceRecord {
  documentId: string;
  processInstanceKey: string;
  caseRef: string | null;
  method: ServiceMethod;
  recipient: string;
  /** When the act happened: handed over, left, arrived in the designated system, signed for, published. */
  servedAt: string;
  /** When service takes legal effect (公告: 30 days after publication). */
  deemedServedAt: string;
  proof: Record<string, unknown>;
  jobKey: string;
}

export interface StoredServiceRecord extends NewServiceRecord {
  id: string;
}

export interface ServiceRecords {
  insert(record: NewServiceRecord): Promise<StoredServiceRecord>;
}
