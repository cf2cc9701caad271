/**
 * How many connections the kernel holds for the server while its workers are busy: Node's
 * default (511) is one listening socket's, shared by all the workers of a host. When
 * 7,000 devices came back within a minute after an outage (bench:chain) it overflowed,
 * and a connection the kernel drops after its handshake is a device's call that neither
 * fails nor is answered until the device gives up. The kernel caps it at
 * net.core.somaxconn (4096 on Debian 12; docs/operations.md).
 */
export const LISTEN_BACKLOG = 4096;
