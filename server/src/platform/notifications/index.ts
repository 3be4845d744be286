/** In-app notifications (站内通知): `notify` inside the writer's transaction, and the recipient's own routes. */
export { notify, type LocalisedText, type NotifyInput } from './notify.ts';
export { registerNotificationRoutes } from './notifications.routes.ts';
