/**
 * Listening before HTTP/2 exists. Loading node:http2 (with tls and http) is the largest part of
 * the provider's start-up; with this, the handshake line goes out first and Terraform reads it
 * and dials while HTTP/2 loads. Connections that arrive meanwhile wait, paused (not a byte is
 * read from them), and are handed to the HTTP/2 server as soon as it exists.
 */
import { createServer, type Server, type Socket } from "node:net";

export class EarlyListener {
  readonly server: Server = createServer({ pauseOnConnect: true });
  private readonly waiting = new Set<Socket>();
  private target: Server | undefined;

  constructor() {
    this.server.on("connection", (socket: Socket) => {
      if (this.target) {
        hand(this.target, socket);
        return;
      }
      this.waiting.add(socket);
      socket.once("close", () => this.waiting.delete(socket));
    });
  }

  /** From now on `target` (an HTTP/2 server that does not listen itself) serves every connection. */
  handTo(target: Server): void {
    this.target = target;
    for (const socket of this.waiting) hand(target, socket);
    this.waiting.clear();
  }

  /** Stop accepting; connections never handed over are dropped. */
  close(): void {
    if (this.server.listening) this.server.close();
    for (const socket of this.waiting) socket.destroy();
    this.waiting.clear();
  }
}

/** The new owner wraps the socket (TLS, or an HTTP/2 session reading its handle); then reading starts. */
function hand(target: Server, socket: Socket): void {
  target.emit("connection", socket);
  socket.resume();
}
