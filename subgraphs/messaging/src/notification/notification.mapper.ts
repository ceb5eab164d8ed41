import type { NotificationRow, PushDeviceRow } from "./notification.repository";
import type { Notification, NotificationType, PushDevice, PushPlatform } from "./notification.type";

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    type: row.type as NotificationType,
    title: row.title,
    body: row.body,
    pet: row.pet_id ? { id: row.pet_id } : null,
    clinic: row.clinic_id ? { id: row.clinic_id } : null,
    bookingId: row.booking_id,
    conversationId: row.conversation_id,
    read: !!row.read_at,
    createdAt: new Date(row.created_at),
  };
}

export function toPushDevice(row: PushDeviceRow): PushDevice {
  return { id: row.id, platform: row.platform as PushPlatform, registeredAt: new Date(row.created_at) };
}
