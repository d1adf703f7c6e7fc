/**
 * 电子送达 to the party's designated system (闽政通 “闽执法”): the outbox of documents to send (app.electronic_deliveries).
 * The integration with the designated system takes pending rows, sends them and reports the arrival with the message
 * `electronic-service-delivered` under `correlationKey`.
 */
export interface NewElectronicDelivery {
  documentId: string;
  processInstanceKey: string;
  caseRef: string | null;
  address: string;
  /** The 电子送达确认书: when the party confirmed and its reference. */
  consent: { confirmedAt: string; reference: string };
  /** The correlation key of the arrival message. */
  correlationKey: string | null;
  requestedAt: string;
  jobKey: string;
}

export interface ElectronicDeliveries {
  enqueue(delivery: NewElectronicDelivery): Promise<{ id: string }>;
}
