/**
 * The kiosk page inside the Electron shell is served from its own scheme and host
 * (electron/main/app-protocol.ts). Its requests to the branch server are cross-origin:
 * the server allows this origin, and only this one, on the device routes.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const KIOSK_APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
