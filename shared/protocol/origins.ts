/**
 * The origin of the kiosk page inside the Electron shell (its custom `app://` scheme).
 * Its requests to the branch server are cross-origin: the server allows this origin, and
 * only this one, on the device routes.
 */
export const KIOSK_APP_ORIGIN = 'app://kiosk';
