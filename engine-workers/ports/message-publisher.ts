/** A message for the engine's message catch events and message start events (PublishMessage). */
export interface MessageToPublish {
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  /** Dedupes: while a message with this id is buffered, the engine does not publish it again. */
  messageId: string;
  timeToLiveMs: number;
}

export interface PublishedMessage {
  /** The engine's key of the message; null when it had been published already (duplicate). */
  key: string | null;
  duplicate: boolean;
}

export interface MessagePublisher {
  publish(message: MessageToPublish): Promise<PublishedMessage>;
}
