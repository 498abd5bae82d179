import { connect, Socket } from 'net';
import { ISocketFactory } from 'kafkajs';

/**
 * A kafkajs socketFactory that can simulate a broker outage for ONE client, without touching
 * the shared broker: `down()` resets every open connection and refuses new ones until `up()`.
 */
export function outageSwitch(): { socketFactory: ISocketFactory; down(): void; up(): void } {
  const sockets = new Set<Socket>();
  let isDown = false;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    // Port 1 on loopback refuses the connection, like a stopped broker.
    const socket = isDown ? connect({ host: '127.0.0.1', port: 1 }, onConnect) : connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };
  return {
    socketFactory,
    down() {
      isDown = true;
      for (const s of sockets) s.destroy(Object.assign(new Error('read ECONNRESET (simulated outage)'), { code: 'ECONNRESET' }));
    },
    up() {
      isDown = false;
    },
  };
}
