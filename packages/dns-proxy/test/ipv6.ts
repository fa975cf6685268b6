import { createSocket } from 'node:dgram';

/** True when a UDP socket can bind to ::1 here (false in containers without IPv6 and under gVisor). */
async function probe(): Promise<boolean> {
  const socket = createSocket({ type: 'udp6', ipv6Only: true });
  return new Promise((resolve) => {
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(0, '::1', () => {
      socket.close();
      resolve(true);
    });
  });
}

export const hasIPv6Loopback: boolean = await probe();
