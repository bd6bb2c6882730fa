import type { AlertmanagerConfig, Delivery, Receiver } from '@nospof/alerting';

/** The receiver definition a delivery names; undefined when its name is unknown or not defined. */
export function receiverOf(config: AlertmanagerConfig, delivery: Delivery): Receiver | undefined {
  const name = delivery.receiver?.name;
  if (!name?.known) return undefined;
  return config.receivers.find((r) => r.name.known && r.name.value === name.value);
}

/** True when the receiver is defined in the configuration, by name (the name itself must be known). */
export function isDefined(config: AlertmanagerConfig, name: string): boolean {
  // An unreadable receiver name (templated) may be the one the route names.
  return config.receivers.some((r) => !r.name.known || r.name.value === name);
}

export function receiverName(receiver: Receiver): string {
  return receiver.name.known ? receiver.name.value : '(templated)';
}
