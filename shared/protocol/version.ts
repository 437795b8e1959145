/**
 * Bumped whenever a message changes shape. The server refuses a handshake from any other
 * version so an old tab gets "please reload" instead of undefined behaviour.
 */
export const PROTOCOL_VERSION = 9;
