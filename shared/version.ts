/** okno's version, as devices report it and the server's health says it (package.json's; a test keeps them equal). */
export const APP_VERSION = '0.1.0';
