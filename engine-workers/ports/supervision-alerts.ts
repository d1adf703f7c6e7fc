export type AlertLevel = 'near-due' | 'overdue';

export interface SupervisionAlert {
  id: string;
  processInstanceKey: string;
  deadlineId: string;
  level: AlertLevel;
  kind: string | null;
  raisedAt: string;
  resolvedAt: string | null;
}

export interface SupervisionAlerts {
  /**
   * Raises the alert unless one of that level is already open for the deadline; returns the open one either way
   * (`created` tells which), so raising twice gives one alert.
   */
  raise(alert: { processInstanceKey: string; deadlineId: string; level: AlertLevel; kind: string | null; raisedAt: string; jobKey: string }): Promise<{ alert: SupervisionAlert; created: boolean }>;
}
