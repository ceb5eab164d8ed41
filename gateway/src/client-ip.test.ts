import type { IncomingMessage } from "node:http";
import { clientIpOf, compileTrust, parseTrustProxy } from "./client-ip";

/** What the gateway reads of a request: the socket's peer and the X-Forwarded-For header. */
function request(peer: string, forwardedFor?: string): IncomingMessage {
  const socket = { remoteAddress: peer };
  return {
    socket,
    connection: socket,
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe("the client's address", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["false", false],
    ["0", false],
    ["true", true],
    ["2", 2],
    ["loopback, 10.0.0.0/8", ["loopback", "10.0.0.0/8"]],
  ])("TRUST_PROXY=%p means %p", (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientIpOf(request("203.0.113.9", "198.51.100.1"), compileTrust(false))).toBe("203.0.113.9");
  });

  it("is the address a trusted proxy reports, and never one the client wrote in front of it", () => {
    const trustLoopback = compileTrust(["loopback"]);
    expect(clientIpOf(request("127.0.0.1", "198.51.100.7"), trustLoopback)).toBe("198.51.100.7");
    // The client sent "X-Forwarded-For: 192.0.2.1"; the proxy appended the address it saw.
    expect(clientIpOf(request("127.0.0.1", "192.0.2.1, 198.51.100.7"), trustLoopback)).toBe("198.51.100.7");
    // A request that did not come through the proxy cannot claim an address.
    expect(clientIpOf(request("203.0.113.9", "192.0.2.1"), trustLoopback)).toBe("203.0.113.9");
  });

  it("counts hops from the gateway", () => {
    expect(clientIpOf(request("10.0.0.2", "192.0.2.1, 198.51.100.7, 10.0.0.1"), compileTrust(2))).toBe("198.51.100.7");
  });

  it("gives IPv4 peers of a dual-stack socket as plain IPv4", () => {
    expect(clientIpOf(request("::ffff:203.0.113.9"), compileTrust(false))).toBe("203.0.113.9");
    expect(clientIpOf(request("2001:db8::1"), compileTrust(false))).toBe("2001:db8::1");
  });
});
